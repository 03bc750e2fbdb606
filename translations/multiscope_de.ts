<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ms::AboutText</name>
    <message>
        <location filename="../widgets/shell/AboutText.cpp" line="16"/>
        <source>An explorer for the neurons of vision-language models such as CLIP.</source>
        <translation>Ein Explorer für die Neuronen von Bild-Sprach-Modellen wie CLIP.</translation>
    </message>
    <message>
        <location filename="../widgets/shell/AboutText.cpp" line="19"/>
        <source>Compute device</source>
        <translation>Rechengerät</translation>
    </message>
</context>
<context>
    <name>ms::LogDock</name>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="18"/>
        <source>debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="19"/>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="20"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="21"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="84"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="85"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="91"/>
        <source>All messages</source>
        <translation>Alle Meldungen</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="91"/>
        <source>Info and above</source>
        <translation>Info und wichtiger</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="91"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/docks/LogDock.cpp" line="91"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
</context>
<context>
    <name>ms::MainWindow</name>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="89"/>
        <source>About Multiscope</source>
        <translation>Über Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="98"/>
        <source>Multiscope</source>
        <translation>Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="99"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="100"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="101"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="102"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="103"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="104"/>
        <source>&amp;About Multiscope</source>
        <translation>&amp;Über Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="105"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
</context>
<context>
    <name>ms::WorkerStatusWidget</name>
    <message numerus="yes">
        <location filename="../widgets/shell/WorkerStatusWidget.cpp" line="75"/>
        <source>%n job(s) waiting</source>
        <translation>
            <numerusform>%n Aufgabe wartet</numerusform>
            <numerusform>%n Aufgaben warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/shell/WorkerStatusWidget.cpp" line="75"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/shell/WorkerStatusWidget.cpp" line="81"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n weitere)</numerusform>
            <numerusform>(+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/shell/WorkerStatusWidget.cpp" line="91"/>
        <source>Cancel the running job</source>
        <translation>Laufende Aufgabe abbrechen</translation>
    </message>
</context>
</TS>
