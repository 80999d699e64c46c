// Generates tests/data/io/lzstring_vectors.json from the reference lz-string (npm lz-string@1.5.0).
const LZ = require('lz-string');
const version = require('lz-string/package.json').version;
let seed = 20260310;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
function randomText(n) {
  const pools = ['abcdefghijklmnopqrstuvwxyz ', 'ÆØÅæøåÄÖäöÞÐþð', 'ŋčđšŧžáÁ', 'αβγδ', '🙂🇳🇴👩‍👧', '{}[]":,0123456789'];
  let s = '';
  while (s.length < n) { const p = pools[Math.floor(rnd() * pools.length)]; const chars = Array.from(p); s += chars[Math.floor(rnd() * chars.length)]; }
  return s;
}
const nodes = [];
const edges = [];
const names = ['Tromsø kommune', 'Åland police', 'Ærøskøbing youth club', 'Oulu – Nuorisopalvelut', 'Þórshöfn library', 'Göteborgs Stad'];
for (let i = 0; i < 60; i++) {
  nodes.push({ id: 'n' + i, label: names[i % names.length] + ' ' + i, note: 'Notes for ' + i + ' 🙂', grp: 'group' + (i % 9), x: i * 12.5, y: -i * 3, att1: i % 2 === 0 ? 'municipality' : 'civil society' });
  edges.push({ id: 'e' + i, from: 'n' + i, to: 'n' + ((i * 7) % 60), arrows: { to: { enabled: i % 3 !== 0 } }, grp: 'edge' + (i % 4), label: '' });
}
const longJson = JSON.stringify({ version: '2.0.0', mapTitle: 'Varnholm actor map – test', attributeTitles: { att1: 'Sector' }, nodes, edges }, null, '\t');
const inputs = [
  ['empty', ''],
  ['one letter', 'a'],
  ['repeated', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
  ['ascii sentence', 'Hate online and polarisation among young people'],
  ['nordic letters', 'Tromsø, Åland, Ærøskøbing, Þórshöfn, Göteborg, Jyväskylä, Ísafjörður'],
  ['sami and greek', 'Sámi: ŋ č đ š ŧ ž — αβγ'],
  ['emoji', '🙂 👩‍👩‍👧 🇳🇴🇸🇪🇩🇰🇫🇮🇮🇸 polarisation 🤝'],
  ['lone surrogate', 'a\ud800b'],
  ['short json', JSON.stringify({ version: '1.9.0', mapTitle: 'Åland', nodes: [{ id: '1', label: 'Tromsø' }], edges: [] })],
  ['random text', randomText(3000)],
  ['long json', longJson],
];
const vectors = inputs.map(([name, input]) => ({ name, input, compressed: LZ.compressToUTF16(input) }));
for (const v of vectors) { if (LZ.decompressFromUTF16(v.compressed) !== v.input) throw new Error('round trip ' + v.name); }
const out = {
  note: 'Made with node from the reference JavaScript lz-string ' + version + ' (npm): compressed = LZString.compressToUTF16(input); see tests/unit/io/test_lzstring.py.',
  lz_string_version: version,
  vectors,
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
