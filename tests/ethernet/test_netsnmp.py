"""The simulated agent against an independent peer: net-snmp's snmpget / snmpwalk /
snmpbulkwalk (Debian package ``snmp``, installed by .ci/run)."""

import re
import shutil
import subprocess

import pytest

from tests.ethernet.conftest import AUTH_KEY, PRIV_KEY

pytestmark = pytest.mark.skipif(shutil.which("snmpwalk") is None, reason="net-snmp's tools are not installed")

BKT = ".1.3.6.1.4.1.47394"


def net_snmp(tool, *args, wait="1", retries="1"):
    # -On: numeric OIDs; -t/-r: short timeout, one retry; no MIB files needed
    result = subprocess.run([tool, "-On", "-t", wait, "-r", retries, "-m", "", *args], capture_output=True, text=True,
                            timeout=10, env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
                                                  "SNMPCONFPATH": "/nonexistent", "MIBS": ""})
    return result.returncode, result.stdout, result.stderr


def lines_of(out):
    return [line for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("tool", ["snmpwalk", "snmpbulkwalk"])
def test_walk_v2c(snmp_sim, tool):
    code, out, err = net_snmp(tool, "-v2c", "-c", "public", f"127.0.0.1:{snmp_sim.port}", BKT)
    assert code == 0, err
    lines = lines_of(out)
    assert lines[0] == f'{BKT}.1.1.1.0 = STRING: "BPS2000v2"'
    assert len(lines) == 1 + 37 * 3  # device name, master and 2 slaves; absent slaves are skipped
    assert all(line.startswith(f"{BKT}.1.") for line in lines)
    assert not any("No more variables" in line or "No Such" in line for line in lines)
    assert re.search(rf"^{re.escape(BKT)}\.1\.2\.2\.0 = Gauge32: 2\d\d\d$", out, re.M)  # master voltage L1 x10
    assert re.search(rf"^{re.escape(BKT)}\.1\.4\.7\.0 = Counter32: \d+$", out, re.M)  # slave 2 energy L1
    branches = {line.split(".")[9] for line in lines[1:]}
    assert branches == {"2", "3", "4"}


def test_walk_text_values(snmp_sim, snmp_units):
    snmp_units[0].pin({"voltage_l1": 239.7})
    snmp_sim.value_form = "text"
    code, out, err = net_snmp("snmpwalk", "-v1", "-c", "public", f"127.0.0.1:{snmp_sim.port}", f"{BKT}.1.2")
    assert code == 0, err
    assert f'{BKT}.1.2.2.0 = STRING: "239.7"' in out
    assert f'{BKT}.1.2.29.0 = STRING: "--"' in out  # master has no SensorBox


@pytest.mark.parametrize("auth, priv, user", [("SHA", "AES", "bkt"), ("MD5", "DES", "legacy"),
                                              ("SHA-512", "AES-256", "strong")])
def test_walk_v3_authpriv(snmp_sim, auth, priv, user):
    code, out, err = net_snmp("snmpwalk", "-v3", "-l", "authPriv", "-u", user, "-a", auth, "-A", AUTH_KEY,
                              "-x", priv, "-X", PRIV_KEY, f"127.0.0.1:{snmp_sim.port}", f"{BKT}.1.3")
    assert code == 0, err
    assert len(lines_of(out)) == 37


def test_v3_wrong_key_is_refused(snmp_sim):
    code, out, err = net_snmp("snmpget", "-v3", "-l", "authPriv", "-u", "bkt", "-a", "SHA", "-A", "not-the-key",
                              "-x", "AES", "-X", PRIV_KEY, f"127.0.0.1:{snmp_sim.port}", f"{BKT}.1.2.2.0")
    assert code != 0 and "Authentication failure" in err


def test_absent_slave_and_wrong_community(snmp_sim):
    code, out, _ = net_snmp("snmpget", "-v2c", "-c", "public", f"127.0.0.1:{snmp_sim.port}",
                            f"{BKT}.1.5.2.0", f"{BKT}.1.3.2.0")
    assert code == 0
    assert f"{BKT}.1.5.2.0 = No Such Object" in out and f"{BKT}.1.3.2.0 = Gauge32:" in out
    code, out, err = net_snmp("snmpget", "-v1", "-c", "public", f"127.0.0.1:{snmp_sim.port}", f"{BKT}.1.5.2.0")
    assert "noSuchName" in out + err
    code, out, err = net_snmp("snmpget", "-v2c", "-c", "secret", f"127.0.0.1:{snmp_sim.port}", f"{BKT}.1.2.2.0",
                              wait="0.3", retries="0")
    assert code != 0 and "Timeout" in err


def test_default_walk_shows_the_system_group(snmp_sim):
    code, out, err = net_snmp("snmpwalk", "-v2c", "-c", "public", f"127.0.0.1:{snmp_sim.port}")
    assert code == 0, err
    assert '.1.3.6.1.2.1.1.5.0 = STRING: "BPS2000v2"' in out
    assert ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.47394" in out


def test_set_is_refused(snmp_sim):
    code, out, err = net_snmp("snmpset", "-v2c", "-c", "private", f"127.0.0.1:{snmp_sim.port}",
                              f"{BKT}.1.2.2.0", "u", "2300")
    assert code != 0 and "notWritable" in out + err
