"""Firmware flashing, in rooms: model.py (the data), access.py (hooks, Telnet version,
threshold backup), host.py (one host's steps), batch.py (a batch and the flash job),
links.py (the window's Modbus runner over a polling worker). The public names are
re-exported by :mod:`bps_commissioner.services.flasher`, whose description tells the steps."""
