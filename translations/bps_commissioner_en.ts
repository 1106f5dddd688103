<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
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
        <source>%n stop bit(s)</source>
        <translation>
            <numerusform>%n stop bit</numerusform>
            <numerusform>%n stop bits</numerusform>
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
