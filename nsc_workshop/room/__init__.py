"""The room: where participants take part in a live workshop, from their phones, without a kernel of their own.

``nsc-workshop serve --lan --workshop W`` opens the room of one workshop. Its
participants' link (and QR code, and 12-digit code) admits that workshop only.
The room is served by the kit's own server (:mod:`.server`: Voilà's, with the
room beside it, one process and one port) as a phone-first page
(``static/``: the kit's own HTML, CSS and JavaScript, nothing from outside)
and a small HTTP + WebSocket API (:mod:`.handlers`) over the store:

- :mod:`.files`: the room's secrets and who joined, kept beside the store (``0600``);
- :mod:`.devices`: the devices that joined and the handles the room issued them;
- :mod:`.ops`: the operations a participant can send, checked, each one session command;
- :mod:`.views`: what a device may see, decided on the server before anything is sent;
- :mod:`.engine`: contributions written in group commits, applied once, and told to every page;
- :mod:`.client`: the protocol from Python (tests, benchmarks, scripts); :mod:`.proxy`: a network
  that drops, for tests.

The facilitator, the team at the laptop and the projector keep the Voilà apps.
"""

__all__: list[str] = []
