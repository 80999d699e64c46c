"""lz-string's ``compressToUTF16`` and ``decompressFromUTF16``, in pure Python.

PRSM saves its ``.prsm`` maps compressed with the JavaScript library lz-string
(``LZString.compressToUTF16``). The PyPI port ``lzstring`` depends on the
deprecated ``future`` package and the other ports are young and little used, so
the two functions are written here from the reference algorithm (lz-string
1.5.0, MIT licence). They work on UTF-16 code units, as JavaScript strings do,
so emoji and other characters outside the Basic Multilingual Plane give the
same output as in a browser. ``tests/unit/io/test_lzstring.py`` checks both
directions against vectors made by the JavaScript library itself
(``tests/data/io/lzstring_vectors.json``).

>>> compress_to_utf16("Tromsø")[-1]
' '
>>> decompress_from_utf16(compress_to_utf16("Tromsø, Åland 🙂"))
'Tromsø, Åland 🙂'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LZStringError", "compress_to_utf16", "decompress_from_utf16", "looks_like_utf16_lzstring"]


class LZStringError(ValueError):
    """The text is not lz-string ``compressToUTF16`` output (or it is damaged)."""


def _code_units(text: str) -> str:
    """The text as a string of UTF-16 code units (astral characters become surrogate pairs)."""
    if all(ord(ch) < 0x10000 for ch in text):
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(data[i : i + 2], "little")) for i in range(0, len(data), 2))


def _from_code_units(units: str) -> str:
    """Join surrogate pairs back into characters (a lone surrogate is kept as it is)."""
    if all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in units):
        return units
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


class _BitWriter:
    def __init__(self, bits_per_char: int, to_char: Callable[[int], str]) -> None:
        self.bits_per_char = bits_per_char
        self.to_char = to_char
        self.out: list[str] = []
        self.val = 0
        self.position = 0

    def write(self, value: int, nbits: int) -> None:
        """Write ``nbits`` bits of ``value``, least significant first (lz-string's order)."""
        for _ in range(nbits):
            self.val = (self.val << 1) | (value & 1)
            if self.position == self.bits_per_char - 1:
                self.position = 0
                self.out.append(self.to_char(self.val))
                self.val = 0
            else:
                self.position += 1
            value >>= 1

    def flush(self) -> str:
        while True:
            self.val <<= 1
            if self.position == self.bits_per_char - 1:
                self.out.append(self.to_char(self.val))
                break
            self.position += 1
        return "".join(self.out)


def _compress(text: str, bits_per_char: int, to_char: Callable[[int], str]) -> str:
    dictionary: dict[str, int] = {}
    to_create: set[str] = set()
    w = ""
    enlarge_in = 2
    dict_size = 3
    num_bits = 2
    out = _BitWriter(bits_per_char, to_char)

    def emit_w() -> None:
        nonlocal enlarge_in, num_bits
        if w in to_create:
            code = ord(w[0])
            if code < 256:
                out.write(0, num_bits)
                out.write(code, 8)
            else:
                out.write(1, num_bits)
                out.write(code, 16)
            enlarge_in -= 1
            if enlarge_in == 0:
                enlarge_in = 1 << num_bits
                num_bits += 1
            to_create.discard(w)
        else:
            out.write(dictionary[w], num_bits)
        enlarge_in -= 1
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1

    for c in text:
        if c not in dictionary:
            dictionary[c] = dict_size
            dict_size += 1
            to_create.add(c)
        wc = w + c
        if wc in dictionary:
            w = wc
        else:
            emit_w()
            dictionary[wc] = dict_size
            dict_size += 1
            w = c
    if w:
        emit_w()
    out.write(2, num_bits)  # end of stream
    return out.flush()


def compress_to_utf16(text: str) -> str:
    """``LZString.compressToUTF16(text)``: 15 bits per character, each offset by 32, then a space."""
    return _compress(_code_units(text), 15, lambda value: chr(value + 32)) + " "


def _decompress(length: int, reset_value: int, next_value: Callable[[int], int], max_length: int) -> str:
    dictionary: list[str] = ["", "", ""]
    enlarge_in = 4
    num_bits = 3
    result: list[str] = []
    produced = 0
    val = next_value(0)
    position = reset_value
    index = 1

    def read_bits(n: int) -> int:
        nonlocal val, position, index
        bits = 0
        power = 1
        for _ in range(n):
            resb = val & position
            position >>= 1
            if position == 0:
                position = reset_value
                val = next_value(index)
                index += 1
            if resb:
                bits |= power
            power <<= 1
        return bits

    first = read_bits(2)
    if first == 0:
        c = chr(read_bits(8))
    elif first == 1:
        c = chr(read_bits(16))
    elif first == 2:
        return ""
    else:
        raise LZStringError("not lz-string data (bad first code)")
    dictionary.append(c)
    w = c
    result.append(c)
    produced = 1
    while True:
        if index > length:
            raise LZStringError("the compressed text ends too early (truncated)")
        code = read_bits(num_bits)
        if code == 0:
            dictionary.append(chr(read_bits(8)))
            code = len(dictionary) - 1
            enlarge_in -= 1
        elif code == 1:
            dictionary.append(chr(read_bits(16)))
            code = len(dictionary) - 1
            enlarge_in -= 1
        elif code == 2:
            return "".join(result)
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1
        if code < len(dictionary) and code > 2:
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = w + w[0]
        else:
            raise LZStringError("not lz-string data (unknown code)")
        result.append(entry)
        produced += len(entry)
        if produced > max_length:
            raise LZStringError(f"the text would be longer than {max_length} characters")
        dictionary.append(w + entry[0])
        enlarge_in -= 1
        w = entry
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1


def decompress_from_utf16(compressed: str, *, max_length: int = 200_000_000) -> str:
    """``LZString.decompressFromUTF16(compressed)``.

    Raises :class:`LZStringError` where the JavaScript library returns ``null``
    or an empty string for a non-empty input (damaged or truncated data), and
    when the result would exceed ``max_length`` characters.
    """
    if compressed == "":
        raise LZStringError("empty input")
    units = _code_units(compressed)
    length = len(units)

    def next_value(i: int) -> int:
        # JavaScript's charCodeAt past the end is NaN, which counts as 0 in bit operations.
        return ord(units[i]) - 32 if i < length else 0

    return _from_code_units(_decompress(length, 16384, next_value, max_length))


def looks_like_utf16_lzstring(text: str) -> bool:
    """Whether ``text`` could be ``compressToUTF16`` output (or a truncated piece of it).

    Such output holds only characters U+0020..U+801F, mostly beyond ASCII, and
    ends with a space.
    """
    if len(text) < 2 or not all(0x20 <= ord(ch) <= 0x801F for ch in text):
        return False
    return text.endswith(" ") or sum(ord(ch) > 0x7F for ch in text) * 2 > len(text)
