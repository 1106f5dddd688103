"""``bps-commissioner simulate``: the built-in simulated chain on real wire protocols."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from bps_commissioner.cli.common import whole_number, decimal_number
from bps_commissioner.cli.common import EXIT_FAILED, EXIT_OK, UsageError, positive_float, tcp_address, unit_list
from bps_commissioner.device.bus import BusSettings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run the built-in simulator of a BPS2000v2 chain")
    p.add_argument("--tcp", metavar="HOST:PORT", help="serve Modbus TCP (port 0 picks a free one)")
    p.add_argument("--rtu", metavar="PATH", help="serve Modbus RTU on a pseudo-terminal linked at PATH (POSIX)")
    p.add_argument("--bus", default="9600,N,1", metavar="BAUD,PARITY,STOP",
                   help="the simulated RS485 bus settings (default 9600,N,1)")
    p.add_argument("--units", type=unit_list, default=[1, 2, 3, 4], metavar="LIST",
                   help="unit addresses; a repeated address (5,5,9) puts two units on one address")
    p.add_argument("--turnaround", type=decimal_number(0, 1000, "milliseconds"), default=5.0, metavar="MS",
                   help="the units' reply turnaround in milliseconds (default 5)")
    p.add_argument("--seed", type=whole_number(0, 2**32 - 1, "a seed"), default=None,
                   help="random seed for repeatable values")
    p.add_argument("--duration", type=positive_float, default=None, metavar="SECONDS",
                   help="stop after this long (default: until Ctrl-C)")
    p.add_argument("--tftp", metavar="HOST:PORT",
                   help="serve TFTP firmware uploads for the master (the first unit); after a complete upload "
                        "it restarts: all its services go silent for --reboot-s seconds, then report the "
                        "version in the file name (BPS2500-3.bin -> 3)")
    p.add_argument("--reboot-s", type=decimal_number(0, 600, "seconds"), default=3.0, metavar="SECONDS",
                   help="how long the master's restart (after an upload, or Telnet menu 10) takes (default 3)")
    p.add_argument("--tftp-refuse", action="store_true",
                   help='answer every TFTP write request with ERROR 2 "Access violation" (updates disabled)')
    p.add_argument("--tftp-loss", type=decimal_number(0, 0.9, "a fraction"), default=0.0,
                   help=argparse.SUPPRESS)  # fraction dropped each way
    add_network_options(p)
    p.set_defaults(func=run)


def parse_bus(text: str) -> BusSettings:
    """``9600,N,1`` -> BusSettings."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        raise UsageError(f"--bus: {text!r} is not BAUD,PARITY,STOPBITS such as 9600,N,1")
    try:
        return BusSettings(int(parts[0]), parts[1].upper(), int(parts[2]))
    except ValueError as exc:
        raise UsageError(f"--bus: {exc}") from None


def _wait_for_stop(duration: float | None) -> None:
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)
    stop.wait(duration)


def _start_restarts(args: argparse.Namespace, chain: Any, coordinator: Any) -> list[Any]:
    """The TFTP server of the networked master, and the report of its restarts: a restart
    (Telnet menu 10, a complete upload) silences the master's network services registered
    with ``coordinator`` (not the RS485 bus) for --reboot-s seconds; the ones on the Telnet
    CLI's host come back at the address set in menu 4."""
    from bps_commissioner.simulator.tftp import TftpSimulator

    master = chain.units[0]
    started: list[Any] = []
    if args.tftp:
        host, port = tcp_address(args.tftp, 69, option="--tftp", allow_zero=True)
        tftp = TftpSimulator(host, port, refuse=args.tftp_refuse, loss=args.tftp_loss, seed=args.seed,
                             on_upload=coordinator.firmware_uploaded)
        tftp.start()
        coordinator.add(tftp)
        started.append(tftp)
        refusing = ", refusing every upload (Access violation)" if args.tftp_refuse else ""
        print(f"TFTP server on {host}:{tftp.port} for the master (unit {master.address}, firmware "
              f"{master.firmware_version}){refusing}; restart after an upload: {args.reboot_s:g} s", flush=True)
    reported = [0]

    def moved(host: str) -> None:
        print(f"master restarted at {host}", flush=True)
        for name, where, port, error in coordinator.failures[reported[0]:]:
            print(f"warning: {name} could not come back on {where}:{port} and stays down: {error}",
                  file=sys.stderr, flush=True)
        reported[0] = len(coordinator.failures)

    coordinator.on_moved.append(moved)
    return [*started, coordinator]


def run(args: argparse.Namespace) -> int:
    from bps_commissioner import simulator

    if not (args.tcp or args.rtu or args.tftp or args.snmp or args.telnet):
        raise UsageError("simulate needs --tcp HOST:PORT, --rtu PATH, --snmp HOST:PORT and/or --telnet HOST:PORT")
    if not 0 <= args.reboot_s <= 600:
        raise UsageError("--reboot-s must be 0..600 seconds")
    if not 0 <= args.tftp_loss < 1:
        raise UsageError("--tftp-loss must be a fraction from 0 to below 1")
    if args.rtu and sys.platform == "win32":
        raise UsageError("--rtu needs pseudo-terminals (Linux, macOS); use --tcp on Windows")
    if not 0 <= args.turnaround <= 1000:
        raise UsageError("--turnaround must be 0..1000 ms")
    settings = parse_bus(args.bus)
    units = ",".join(map(str, args.units))
    chain = simulator.build_chain(args.units, seed=args.seed)
    servers: list[Any] = []
    try:
        if args.tcp:
            host, port = tcp_address(args.tcp, allow_zero=True)
            tcp = simulator.TcpSimulator(chain, host, port)
            tcp.start()
            servers.append(tcp)
            print(f"Modbus TCP simulator on {host}:{tcp.port}, units {units}", flush=True)
        if args.rtu:
            rtu = simulator.RtuSimulator(chain, args.rtu, settings, turnaround=args.turnaround / 1000)
            rtu.start()
            servers.append(rtu)
            print(f"Modbus RTU simulator on {args.rtu} at {settings}, units {units}", flush=True)
        coordinator = None
        if args.tftp or args.telnet:
            from bps_commissioner.simulator.restart import RestartCoordinator

            # the master's restarts; Modbus TCP is the master's when served on the Telnet CLI's
            # host (with --tftp, always); each service is registered before it is announced
            coordinator = RestartCoordinator(chain.units[0], args.reboot_s)
            telnet_host = tcp_address(args.telnet, 23, option="--telnet", allow_zero=True)[0] if args.telnet else None
            for server in servers:
                if isinstance(server, simulator.TcpSimulator) and (args.tftp or server.host == telnet_host):
                    coordinator.add(server)
        servers += start_network(args, chain.units[0], coordinator)
        if coordinator is not None:
            servers += _start_restarts(args, chain, coordinator)
        _wait_for_stop(args.duration)
    except OSError as exc:
        print(f"error: the simulator could not start: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        for server in reversed(servers):
            server.stop()
    return EXIT_OK


# --- the networked master: SNMP agent and Telnet CLI ----------------------------------------

def add_network_options(p: argparse.ArgumentParser) -> None:
    from bps_commissioner.device.oids import V3_AUTH_PROTOCOLS, V3_PRIV_PROTOCOLS, VALUE_FORMS

    g = p.add_argument_group("networked master (--snmp, --telnet: one MASTER with slaves, apart from --units)")
    g.add_argument("--snmp", metavar="HOST:PORT", help="serve SNMP v1/v2c/v3 on UDP (port 0 picks a free one)")
    g.add_argument("--slaves", type=whole_number(0, 5, "a slave count"), default=2, metavar="N",
                   help="slaves chained behind the master, 0..5 (default 2)")
    g.add_argument("--community", default="public", help="SNMP read community (default public)")
    g.add_argument("--v3-user", metavar="NAME", help="an SNMPv3 user; its keys come from BPS_SNMP_AUTH_KEY and "
                                                     "BPS_SNMP_PRIV_KEY (or a hidden prompt)")
    g.add_argument("--v3-auth-proto", default="SHA", metavar="PROTO", help=f"{', '.join(V3_AUTH_PROTOCOLS)} "
                                                                           f"(default SHA)")
    g.add_argument("--v3-priv-proto", default="AES", metavar="PROTO", help=f"{', '.join(V3_PRIV_PROTOCOLS)} "
                                                                           f"(default AES)")
    g.add_argument("--snmp-values", choices=VALUE_FORMS, default="integer",
                   help="SNMP value type: integer (scaled like Modbus) or text (\"239.7\"); default integer")
    g.add_argument("--telnet", metavar="HOST:PORT", help="serve the Telnet CLI of the master (port 0: a free one)")
    g.add_argument("--telnet-user", default="admin", metavar="ACCOUNT",
                   help="Telnet account (default admin); its password is BPS_TELNET_PASSWORD, or the factory "
                        "password admin when that is not set")
    g.add_argument("--firmware-version", metavar="VERSION", help="the version the master's Telnet banner shows")


def start_network(args: argparse.Namespace, master: Any = None, coordinator: Any = None) -> list[Any]:
    """Start the SNMP agent and/or Telnet CLI of one simulated master (``master``: the
    first unit of the Modbus chain, so that Modbus TCP, SNMP, Telnet and TFTP show one
    unit; slaves are built apart); returns them. With ``coordinator`` (the master's
    RestartCoordinator), each is registered with it before it is announced."""
    import os

    from bps_commissioner.services import secrets
    from bps_commissioner.simulator.snmp import SnmpSimulator, V3User, build_snmp_chain
    from bps_commissioner.simulator.telnet import TelnetSimulator

    if not (args.snmp or args.telnet):
        return []
    chain = build_snmp_chain(args.slaves, seed=args.seed, master=master)
    if args.firmware_version:
        chain[0].firmware_version = args.firmware_version
    started: list[Any] = []
    try:
        if args.snmp:
            host, port = tcp_address(args.snmp, 161, option="--snmp", allow_zero=True)
            users = []
            if args.v3_user:
                keys = {}
                for name, kind, proto in (("auth", secrets.SNMP_AUTH_KEY, args.v3_auth_proto),
                                          ("priv", secrets.SNMP_PRIV_KEY, args.v3_priv_proto)):
                    if proto.lower() == "none":
                        keys[name] = None
                        continue
                    try:
                        keys[name] = secrets.lookup(kind, user=args.v3_user, host=host).reveal()
                    except secrets.SecretUnavailable as exc:
                        raise UsageError(str(exc)) from None
                users.append(V3User(args.v3_user, args.v3_auth_proto, keys["auth"], args.v3_priv_proto,
                                    keys["priv"]))
            agent = SnmpSimulator(chain, host, port, community=args.community, v3_users=users,
                                  value_form=args.snmp_values).start()
            started.append(agent)
            if coordinator is not None:
                coordinator.add(agent)
            v3 = f", v3 user {args.v3_user} ({users[0].security_level})" if users else ""
            print(f"SNMP agent on {host}:{agent.port} (v1/v2c community {args.community}{v3}), "
                  f"master and {args.slaves} slave(s), {args.snmp_values} values", flush=True)
        if args.telnet:
            host, port = tcp_address(args.telnet, 23, option="--telnet", allow_zero=True)
            password = os.environ.get(secrets.TELNET_PASSWORD.env) or "admin"
            agent = next((s for s in started if isinstance(s, SnmpSimulator)), None)
            cli = TelnetSimulator(chain, host, port, account=args.telnet_user, password=password,
                                  snmp=agent).start()
            started.append(cli)
            if coordinator is not None:
                coordinator.add(cli)
            print(f"Telnet CLI on {host}:{cli.port}, account {args.telnet_user}, firmware "
                  f"{chain[0].firmware_version}", flush=True)
    except BaseException:
        for server in reversed(started):
            server.stop()
        raise
    return started
