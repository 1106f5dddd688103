<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>CommissionPanel</name>
    <message numerus="yes">
        <source>A new plan of %n unit(s) from the chain: name them, complete what you expect, save it.</source>
        <translation>
            <numerusform>A new plan of %n unit from the chain: name it, complete what you expect, save it.</numerusform>
            <numerusform>A new plan of %n units from the chain: name them, complete what you expect, save it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) added to the plan; run the checks again.</source>
        <translation>
            <numerusform>%n unit added to the plan; run the checks again.</numerusform>
            <numerusform>%n units added to the plan; run the checks again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirmwarePanel</name>
    <message numerus="yes">
        <source>Flash %1 to %n unit(s): %2.</source>
        <translation>
            <numerusform>Flash %1 to %n unit: %2.</numerusform>
            <numerusform>Flash %1 to %n units: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) flashed and verified.</source>
        <translation>
            <numerusform>%n unit flashed and verified.</numerusform>
            <numerusform>%n units flashed and verified.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) flashed (not verified).</source>
        <translation>
            <numerusform>%n unit flashed (not verified).</numerusform>
            <numerusform>%n units flashed (not verified).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) failed: see their rows.</source>
        <translation>
            <numerusform>%n unit failed: see its row.</numerusform>
            <numerusform>%n units failed: see their rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retransmission(s)</source>
        <translation>
            <numerusform>%n retransmission</numerusform>
            <numerusform>%n retransmissions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n threshold(s) restored from the backup</source>
        <translation>
            <numerusform>%n threshold restored from the backup</numerusform>
            <numerusform>%n thresholds restored from the backup</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n threshold(s) differ from the backup</source>
        <translation>
            <numerusform>%n threshold differs from the backup</numerusform>
            <numerusform>%n thresholds differ from the backup</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n unit(s) polled</source>
        <translation>
            <numerusform>%n unit polled</numerusform>
            <numerusform>%n units polled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1: %n unit(s) found</source>
        <translation>
            <numerusform>Scan of %1: %n unit found</numerusform>
            <numerusform>Scan of %1: %n units found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address conflict(s): see the chain tree</source>
        <translation>
            <numerusform>%n address conflict: see the chain tree</numerusform>
            <numerusform>%n address conflicts: see the chain tree</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>%n row written to %1</numerusform>
            <numerusform>%n rows written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message numerus="yes">
        <source>“{name}”: %n setting(s)</source>
        <translation>
            <numerusform>“{name}”: %n setting</numerusform>
            <numerusform>“{name}”: %n settings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking the profile against %n unit(s)…</source>
        <translation>
            <numerusform>Checking the profile against %n unit…</numerusform>
            <numerusform>Checking the profile against %n units…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preview: %n change(s) would be written; nothing was written.</source>
        <translation>
            <numerusform>Preview: %n change would be written; nothing was written.</numerusform>
            <numerusform>Preview: %n changes would be written; nothing was written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) applied and confirmed by read-back.</source>
        <translation>
            <numerusform>%n setting applied and confirmed by read-back.</numerusform>
            <numerusform>%n settings applied and confirmed by read-back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) NOT applied</source>
        <translation>
            <numerusform>%n setting NOT applied</numerusform>
            <numerusform>%n settings NOT applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message numerus="yes">
        <source>%n unit(s) found</source>
        <translation>
            <numerusform>%n unit found</numerusform>
            <numerusform>%n units found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address conflict(s).</source>
        <translation>
            <numerusform>%n address conflict.</numerusform>
            <numerusform>%n address conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>%n row written to %1</numerusform>
            <numerusform>%n rows written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stop bit(s)</source>
        <translation>
            <numerusform>%n stop bit</numerusform>
            <numerusform>%n stop bits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecurityStrip</name>
    <message numerus="yes">
        <source>Security: %n thing(s) to fix before leaving %1</source>
        <translation>
            <numerusform>Security: %n thing to fix before leaving %1</numerusform>
            <numerusform>Security: %n things to fix before leaving %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TelnetPanel</name>
    <message numerus="yes">
        <source>Sending %n change(s) and reading them back…</source>
        <translation>
            <numerusform>Sending %n change and reading it back…</numerusform>
            <numerusform>Sending %n changes and reading them back…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to apply: checked, nothing sent yet.</source>
        <translation>
            <numerusform>%n change to apply: checked, nothing sent yet.</numerusform>
            <numerusform>%n changes to apply: checked, nothing sent yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThresholdEditor</name>
    <message numerus="yes">
        <source>%n setting(s) applied and confirmed by read-back.</source>
        <translation>
            <numerusform>%n setting applied and confirmed by read-back.</numerusform>
            <numerusform>%n settings applied and confirmed by read-back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) NOT applied: see the rows marked ✗ or –.</source>
        <translation>
            <numerusform>%n setting NOT applied: see the rows marked ✗ or –.</numerusform>
            <numerusform>%n settings NOT applied: see the rows marked ✗ or –.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Write %n change(s) to the unit</source>
        <translation>
            <numerusform>Write %n change to the unit</numerusform>
            <numerusform>Write %n changes to the unit</numerusform>
        </translation>
    </message>
</context>
</TS>
