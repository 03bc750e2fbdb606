<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ms</name>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="70"/>
        <source>Feature visualization</source>
        <translation>Merkmalsvisualisierung</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="71"/>
        <source>not computed</source>
        <translation>nicht berechnet</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="76"/>
        <source>Top dataset examples</source>
        <translation>Beste Beispielbilder</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="78"/>
        <source>no indexed pictures</source>
        <translation>keine indizierten Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="86"/>
        <source>Rendered words</source>
        <translation>Gezeichnete Wörter</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="92"/>
        <source>not scored</source>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="98"/>
        <source>Pictures of each concept vs its written word</source>
        <translation>Bilder jedes Begriffs gegen sein geschriebenes Wort</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCard.cpp" line="111"/>
        <source>no labelled folder indexed</source>
        <translation>kein beschrifteter Ordner indiziert</translation>
    </message>
</context>
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
    <name>ms::AttackBenchDock</name>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="102"/>
        <source>Folder of labelled images</source>
        <translation>Ordner mit beschrifteten Bildern</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="108"/>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="108"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="vanished">%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="113"/>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation type="vanished">SVG (*.svg);;PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="141"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="168"/>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="172"/>
        <source>Choose a folder of labelled images first.</source>
        <translation>Bitte zuerst einen Ordner mit beschrifteten Bildern wählen.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="208"/>
        <source>success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="209"/>
        <source>accuracy under attack</source>
        <translation>Genauigkeit unter Angriff</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="228"/>
        <source>%1 images, clean accuracy %2 %, success over all words %3 %</source>
        <translation>%1 Bilder, Genauigkeit ohne Text %2 %, Erfolg über alle Wörter %3 %</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="232"/>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="252"/>
        <source>Attack bench</source>
        <translation>Angriffsbank</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="253"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="254"/>
        <source>no folder chosen</source>
        <translation>kein Ordner gewählt</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="255"/>
        <source>Words:</source>
        <translation>Wörter:</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="256"/>
        <source>Attack words, comma-separated</source>
        <translation>Angriffswörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="257"/>
        <source>8 fixed positions</source>
        <translation>8 feste Positionen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="258"/>
        <source>random positions</source>
        <translation>zufällige Positionen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="259"/>
        <source>Word height as a share of the picture height</source>
        <translation>Worthöhe als Anteil der Bildhöhe</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="260"/>
        <source>&amp;Run</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="261"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="262"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="263"/>
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="264"/>
        <source>Word</source>
        <translation>Wort</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="264"/>
        <source>Trials</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="264"/>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="264"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../widgets/probe/AttackBenchDock.cpp" line="264"/>
        <source>Drop</source>
        <translation>Verlust</translation>
    </message>
</context>
<context>
    <name>ms::BrowserDock</name>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="168"/>
        <source>Export annotations</source>
        <translation>Anmerkungen exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="169"/>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="173"/>
        <source>Import annotations</source>
        <translation>Anmerkungen importieren</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="173"/>
        <source>JSON or CSV (*.json *.csv)</source>
        <translation>JSON oder CSV (*.json *.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="218"/>
        <source>Units of %1</source>
        <translation>Einheiten von %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="vanished">%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="294"/>
        <source>%1 annotations written to %2</source>
        <translation>%1 Anmerkungen nach %2 geschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="299"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="311"/>
        <source>%1 annotations read from %2</source>
        <translation>%1 Anmerkungen aus %2 gelesen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="382"/>
        <source>Layers and units</source>
        <translation>Schichten und Einheiten</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="383"/>
        <source>Layers (units)</source>
        <translation>Schichten (Einheiten)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="384"/>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="385"/>
        <source>Filter: unit number or label  (/)</source>
        <translation>Filter: Nummer oder Bezeichnung  (/)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="386"/>
        <source>★ only</source>
        <translation>nur ★</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="387"/>
        <source>Copy address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="388"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="389"/>
        <source>Export this model&apos;s labels, notes and favourites (JSON or CSV)</source>
        <translation>Bezeichnungen, Notizen und Favoriten dieses Modells exportieren (JSON oder CSV)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="390"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="391"/>
        <source>Import labels, notes and favourites from a colleague (JSON or CSV)</source>
        <translation>Bezeichnungen, Notizen und Favoriten von Kollegen importieren (JSON oder CSV)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="392"/>
        <source>Label this unit</source>
        <translation>Diese Einheit benennen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="393"/>
        <source>Favourite (f)</source>
        <translation>Favorit (f)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/BrowserDock.cpp" line="394"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>ms::CompareStrip</name>
    <message>
        <location filename="../widgets/probe/CompareStrip.cpp" line="57"/>
        <source>unit %1: %2</source>
        <translation>Einheit %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/probe/CompareStrip.cpp" line="74"/>
        <source>top units at %1: %2</source>
        <translation>stärkste Einheiten in %1: %2</translation>
    </message>
</context>
<context>
    <name>ms::ExamplesDock</name>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="76"/>
        <source>Export dataset examples</source>
        <translation>Beispielbilder exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="78"/>
        <source>Table (*.csv);;</source>
        <translation>Tabelle (*.csv);;</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="120"/>
        <source>No indexed pictures yet: add a folder in Image folders.</source>
        <translation>Noch keine indexierten Bilder: einen Ordner unter Bildordner hinzufügen.</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="121"/>
        <source>%1 pictures from %2 folders</source>
        <translation>%1 Bilder aus %2 Ordnern</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="vanished">%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="175"/>
        <source>Dataset examples</source>
        <translation>Beispielbilder</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="176"/>
        <source>Least exciting</source>
        <translation>Am wenigsten anregend</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="177"/>
        <source>Show where it fires</source>
        <translation>Zeigen, wo sie feuert</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="178"/>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="179"/>
        <source>The pictures as a table (CSV) or a figure (PNG, SVG, PDF with a provenance sidecar)</source>
        <translation>Die Bilder als Tabelle (CSV) oder als Abbildung (PNG, SVG, PDF mit Herkunftsdatei)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/ExamplesDock.cpp" line="180"/>
        <source>Double-click a picture to probe it</source>
        <translation>Doppelklick untersucht das Bild</translation>
    </message>
</context>
<context>
    <name>ms::FeatureVisDock</name>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="92"/>
        <source>model&apos;s</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="143"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="148"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="210"/>
        <source>Optimising…</source>
        <translation>Optimiere…</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="224"/>
        <source>From the cache (loss %1)</source>
        <translation>Aus dem Cache (Verlust %1)</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="225"/>
        <source>Done: %1 steps, loss %2</source>
        <translation>Fertig: %1 Schritte, Verlust %2</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="226"/>
        <source>Step %1 of %2, loss %3</source>
        <translation>Schritt %1 von %2, Verlust %3</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="263"/>
        <source>Model ready: press Run (or Enter) to visualize the objective.</source>
        <translation>Modell bereit: „Start“ (oder Eingabe) visualisiert das Ziel.</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="301"/>
        <source>Feature visualization</source>
        <translation>Merkmalsvisualisierung</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="302"/>
        <source>Objective:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="303"/>
        <source>&amp;Run</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="304"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="305"/>
        <source>Transform preset: Lucid&apos;s standard set, the Distill article&apos;s, or none</source>
        <translation>Transformationen: Lucids Standardsatz, der des Distill-Artikels oder keine</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="306"/>
        <source>Optimisation steps</source>
        <translation>Optimierungsschritte</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="307"/>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="308"/>
        <source>Image side in pixels (the model&apos;s input resolution by default)</source>
        <translation>Bildseite in Pixeln (standardmäßig die Eingabeauflösung des Modells)</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="309"/>
        <source>size </source>
        <translation>Größe </translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="310"/>
        <source>Images optimised together</source>
        <translation>Gemeinsam optimierte Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="311"/>
        <source>batch </source>
        <translation>Stapel </translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="312"/>
        <source>Weight of the diversity term (batches of two or more)</source>
        <translation>Gewicht des Diversitätsterms (Stapel ab zwei Bildern)</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="313"/>
        <source>diversity </source>
        <translation>Diversität </translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="314"/>
        <source>Random seed: the same settings and seed give the same picture</source>
        <translation>Zufallskeim: gleiche Einstellungen und Keim ergeben dasselbe Bild</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="315"/>
        <source>seed </source>
        <translation>Keim </translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="316"/>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="318"/>
        <source>Run the network in bfloat16: about 1.4× faster on this CPU, a slightly different picture</source>
        <translation>Das Netz in bfloat16 rechnen: auf dieser CPU etwa 1,4× schneller, ein leicht anderes Bild</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="319"/>
        <source>Run the network in bfloat16: this CPU has no native bfloat16, so it would be slower than float32</source>
        <translation>Das Netz in bfloat16 rechnen: diese CPU kann bfloat16 nicht selbst, es wäre langsamer als float32</translation>
    </message>
    <message>
        <location filename="../widgets/featurevis/FeatureVisDock.cpp" line="320"/>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
</context>
<context>
    <name>ms::FigureExport</name>
    <message>
        <location filename="../widgets/export/FigureExport.cpp" line="52"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/export/FigureExport.cpp" line="72"/>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../widgets/export/FigureExport.cpp" line="63"/>
        <source>PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG (*.svg);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ms::FoldersDock</name>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="38"/>
        <source>1 image indexed</source>
        <translation>1 Bild indexiert</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="38"/>
        <source>%1 images indexed</source>
        <translation>%1 Bilder indexiert</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="73"/>
        <source>Add an image folder</source>
        <translation>Bildordner hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="88"/>
        <source>indexing: %1</source>
        <translation>indexiere: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="97"/>
        <source>, bad files skipped: %1</source>
        <translation>, fehlerhafte Dateien übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="108"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="134"/>
        <source>not indexed yet</source>
        <translation>noch nicht indexiert</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="186"/>
        <source>waiting to be indexed</source>
        <translation>wartet auf Indexierung</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="227"/>
        <source>generating sample pictures</source>
        <translation>erzeuge Beispielbilder</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="238"/>
        <source>Image folders</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="239"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="240"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="241"/>
        <source>Index again</source>
        <translation>Neu indexieren</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/FoldersDock.cpp" line="242"/>
        <source>Folders are indexed in the background; indexing again picks up new and changed pictures.</source>
        <translation>Ordner werden im Hintergrund indexiert; erneutes Indexieren übernimmt neue und geänderte Bilder.</translation>
    </message>
</context>
<context>
    <name>ms::GetModelDialog</name>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="27"/>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="28"/>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="29"/>
        <source>checksum mismatch</source>
        <translation>Prüfsumme falsch</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="31"/>
        <source>missing (%1 partly downloaded)</source>
        <translation>fehlt (%1 teilweise geladen)</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="32"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="53"/>
        <location filename="../widgets/models/GetModelDialog.cpp" line="157"/>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="54"/>
        <source>&amp;Cancel download</source>
        <translation>Download &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="55"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="58"/>
        <source>Get model</source>
        <translation>Modell holen</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="60"/>
        <source>Official OpenAI CLIP checkpoints. Files go to the model folder, the same one the Python clip package uses, and are checked against their published SHA-256.</source>
        <translation>Offizielle OpenAI-CLIP-Checkpoints. Die Dateien kommen in den Modellordner, denselben, den das Python-Paket clip verwendet, und werden gegen ihre veröffentlichte SHA-256 geprüft.</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="63"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="63"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="63"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="63"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="74"/>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="98"/>
        <source>Checking %1…</source>
        <translation>Prüfe %1…</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="102"/>
        <source>Connecting for %1…</source>
        <translation>Verbinde für %1…</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="113"/>
        <source>Model folder: %1</source>
        <translation>Modellordner: %1</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="141"/>
        <source>%1 is not in the model folder yet. Download it (%2)?</source>
        <translation>%1 ist noch nicht im Modellordner. Herunterladen (%2)?</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="157"/>
        <source>&amp;Verify and open</source>
        <translation>&amp;Prüfen und öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="174"/>
        <source>the vocabulary</source>
        <translation>das Vokabular</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="191"/>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="192"/>
        <source>unknown size</source>
        <translation>unbekannte Größe</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="193"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="194"/>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="201"/>
        <source>%1 is ready.</source>
        <translation>%1 ist bereit.</translation>
    </message>
    <message>
        <location filename="../widgets/models/GetModelDialog.cpp" line="210"/>
        <source>Model folder</source>
        <translation>Modellordner</translation>
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
        <location filename="../widgets/shell/MainWindow.cpp" line="104"/>
        <source>About Multiscope</source>
        <translation>Über Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="110"/>
        <source>Cannot open model: %1 is not a file</source>
        <translation>Modell kann nicht geöffnet werden: %1 ist keine Datei</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="122"/>
        <source>Opened model %1 (%2)</source>
        <translation>Modell %1 geöffnet (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="129"/>
        <source>bundled model</source>
        <translation>mitgeliefertes Modell</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="170"/>
        <source>Multiscope</source>
        <translation>Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="170"/>
        <source>%1 — Multiscope</source>
        <translation>%1 — Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="171"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="172"/>
        <source>&amp;Get model…</source>
        <translation>Modell &amp;holen…</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="173"/>
        <source>Open &amp;recent model</source>
        <translation>&amp;Zuletzt geöffnetes Modell</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="174"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="175"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="176"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="177"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="178"/>
        <source>&amp;About Multiscope</source>
        <translation>&amp;Über Multiscope</translation>
    </message>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="179"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
</context>
<context>
    <name>ms::NeuronCardExporter</name>
    <message>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="24"/>
        <source>Export neuron &amp;card…</source>
        <translation>Neuronen&amp;karte exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="66"/>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="70"/>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="75"/>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="79"/>
        <source>Export neuron card</source>
        <translation>Neuronenkarte exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="66"/>
        <source>Select a unit first.</source>
        <translation>Bitte zuerst eine Einheit wählen.</translation>
    </message>
    <message>
        <location filename="../widgets/export/NeuronCardExporter.cpp" line="75"/>
        <source>Resolution (DPI):</source>
        <translation>Auflösung (DPI):</translation>
    </message>
</context>
<context>
    <name>ms::ProbeCanvas</name>
    <message>
        <location filename="../widgets/probe/ProbeCanvas.cpp" line="77"/>
        <source>Drop an image here, paste one, or use File → Probe image…</source>
        <translation>Bild hierher ziehen, einfügen oder Datei → Bild untersuchen… verwenden</translation>
    </message>
</context>
<context>
    <name>ms::ProbeDock</name>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="183"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="266"/>
        <source>The dropped data is not an image Multiscope can read.</source>
        <translation>Die abgelegten Daten sind kein Bild, das Multiscope lesen kann.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="279"/>
        <source>Probing %1…</source>
        <translation>Untersuche %1…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="287"/>
        <source>pasted picture</source>
        <translation>eingefügtes Bild</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="289"/>
        <source>Probing the pasted picture…</source>
        <translation>Untersuche das eingefügte Bild…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="295"/>
        <source>Probe image</source>
        <translation>Bild untersuchen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="295"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="380"/>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="429"/>
        <source>Switch this unit off (ablate) and see what changes</source>
        <translation>Diese Einheit abschalten (Ablation) und sehen, was sich ändert</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="438"/>
        <source>Top-1: %1 (clean picture: %2)</source>
        <translation>Top-1: %1 (Bild ohne Text: %2)</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="443"/>
        <source>Top-1: %1</source>
        <translation>Top-1: %1</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="453"/>
        <source>picture</source>
        <translation>Bild</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/probe/ProbeDock.cpp" line="455"/>
        <source> (%n units off)</source>
        <translation>
            <numerusform> (%n Einheit aus)</numerusform>
            <numerusform> (%n Einheiten aus)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="502"/>
        <source>Drop an image to probe it.</source>
        <translation>Ein Bild ablegen, um es zu untersuchen.</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="507"/>
        <source>Zero-shot labels</source>
        <translation>Zero-Shot-Bezeichnungen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="511"/>
        <source>Labels (one per line):</source>
        <translation>Bezeichnungen (eine pro Zeile):</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="512"/>
        <source>Prompt templates, {} for the label (averaged):</source>
        <translation>Prompt-Vorlagen, {} für die Bezeichnung (gemittelt):</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="515"/>
        <source>Load labels…</source>
        <translation>Beschriftungen laden …</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="517"/>
        <source>Labels (one per line)</source>
        <translation>Beschriftungen (eine pro Zeile)</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="518"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="553"/>
        <source>Probe</source>
        <translation>Sonde</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="554"/>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="555"/>
        <source>&amp;Probe image…</source>
        <translation>Bild &amp;untersuchen…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="556"/>
        <source>Layer:</source>
        <translation>Schicht:</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="557"/>
        <source>Labels…</source>
        <translation>Bezeichnungen…</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="558"/>
        <source>Add text</source>
        <translation>Text hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="559"/>
        <source>word to write</source>
        <translation>zu schreibendes Wort</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="560"/>
        <source>Text colour</source>
        <translation>Textfarbe</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="561"/>
        <source>Box</source>
        <translation>Kasten</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="562"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="563"/>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="564"/>
        <source>Show where in the picture the selected unit fires</source>
        <translation>Zeigt, wo im Bild die gewählte Einheit feuert</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="565"/>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="566"/>
        <source>Off = 0</source>
        <translation>Aus = 0</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="567"/>
        <source>Off = dataset mean</source>
        <translation>Aus = Mittel der Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="568"/>
        <source>What a switched-off unit reads: zero, or its mean over the indexed pictures</source>
        <translation>Was eine abgeschaltete Einheit liefert: null oder ihr Mittel über die indizierten Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="569"/>
        <source>Keep this result beside the others to compare pictures</source>
        <translation>Dieses Ergebnis neben den anderen behalten, um Bilder zu vergleichen</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="570"/>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="570"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="570"/>
        <source>Δ vs clean</source>
        <translation>Δ zu ohne Text</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="570"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ProbeDock.cpp" line="570"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>ms::RenderedWordsDock</name>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="104"/>
        <source>Scoring words: %1</source>
        <translation>Wörter werden bewertet: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="110"/>
        <source>Cannot score the words: %1</source>
        <translation>Die Wörter lassen sich nicht bewerten: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="113"/>
        <source>Cannot probe: %1</source>
        <translation>Untersuchung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="137"/>
        <source>Dataset examples (%1%)</source>
        <translation>Beispielbilder (%1 %)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="182"/>
        <source>Scoring words…</source>
        <translation>Wörter werden bewertet …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="184"/>
        <source>The words, drawn in 4 styles, are scored once for this layer and kept.</source>
        <translation>Die Wörter werden einmal für diese Schicht in 4 Stilen gezeichnet, bewertet und aufbewahrt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="185"/>
        <source>%n words, drawn in 4 styles, are scored once for this layer and kept.</source>
        <translation>
            <numerusform>%n Wort wird einmal für diese Schicht in 4 Stilen gezeichnet, bewertet und aufbewahrt.</numerusform>
            <numerusform>%n Wörter werden einmal für diese Schicht in 4 Stilen gezeichnet, bewertet und aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="198"/>
        <source>“%1”: mean activation %2 over 4 renderings</source>
        <translation>„%1“: mittlere Aktivierung %2 über 4 Darstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="204"/>
        <source>Unit %1 of %2: the words (of %3) that excite it most, drawn as pictures%4</source>
        <translation>Einheit %1 von %2: die Wörter (von %3), die sie als Bild am stärksten anregen%4</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="206"/>
        <source> (from the cache)</source>
        <translation> (aus dem Cache)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="218"/>
        <source>Drawing “%1” and running the model…</source>
        <translation>„%1“ wird gezeichnet und durch das Modell geschickt …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="225"/>
        <source>Dataset examples (no indexed folder)</source>
        <translation>Beispielbilder (kein indizierter Ordner)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="243"/>
        <source>mean cosine similarity of its %n top pictures with the concept</source>
        <translation>
            <numerusform>mittlere Kosinus-Ähnlichkeit ihres besten Bildes mit dem Begriff</numerusform>
            <numerusform>mittlere Kosinus-Ähnlichkeit ihrer %n besten Bilder mit dem Begriff</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="249"/>
        <source>Dataset examples (%n pictures)</source>
        <translation>
            <numerusform>Beispielbilder (%n Bild)</numerusform>
            <numerusform>Beispielbilder (%n Bilder)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="276"/>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="321"/>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="322"/>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="276"/>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="321"/>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="276"/>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="320"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="278"/>
        <source>Units that “%1”, drawn, excites most against the other words. Double-click to go there.</source>
        <translation>Einheiten, die „%1“ als Bild im Vergleich zu den anderen Wörtern am stärksten anregt. Doppelklick öffnet sie.</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="280"/>
        <source>Units by activation on “%1”; z-scores follow once the word list is scored.</source>
        <translation>Einheiten nach Aktivierung auf „%1“; z-Werte folgen, sobald die Wortliste bewertet ist.</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="287"/>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="319"/>
        <source>Word list file…</source>
        <translation>Wortliste aus Datei …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="299"/>
        <source>Word list (one word per line)</source>
        <translation>Wortliste (ein Wort pro Zeile)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="300"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="317"/>
        <source>Rendered words</source>
        <translation>Gezeichnete Wörter</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="318"/>
        <source>The model&apos;s concepts + 3,000 common English words</source>
        <translation>Die Begriffe des Modells + 3.000 häufige englische Wörter</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="320"/>
        <source>Word</source>
        <translation>Wort</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="322"/>
        <source>Similarity</source>
        <translation>Ähnlichkeit</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="323"/>
        <source>Word drawn</source>
        <translation>Gezeichnetes Wort</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="324"/>
        <source>Dataset examples</source>
        <translation>Beispielbilder</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="325"/>
        <source>Units the concept excites when written out as a picture</source>
        <translation>Einheiten, die der Begriff als geschriebenes Bild anregt</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="326"/>
        <source>Units whose top pictures in the indexed folders match the concept&apos;s text embedding</source>
        <translation>Einheiten, deren beste Bilder in den indizierten Ordnern zur Text-Einbettung des Begriffs passen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/RenderedWordsDock.cpp" line="327"/>
        <source>Text probe: type a concept and press Enter</source>
        <translation>Textsonde: Begriff eingeben und Eingabe drücken</translation>
    </message>
</context>
<context>
    <name>ms::UnitResponseDock</name>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="86"/>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>;;Chart data (*.csv)</source>
        <translation type="vanished">;;Diagrammdaten (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="87"/>
        <source>;;Chart data (*.csv);;The unit on every picture (*.npy)</source>
        <translation>;;Diagrammdaten (*.csv);;Die Einheit auf jedem Bild (*.npy)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="103"/>
        <source>Cannot export the unit: %1</source>
        <translation>Die Einheit kann nicht exportiert werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="109"/>
        <source>Cannot chart the unit: %1</source>
        <translation>Die Einheit lässt sich nicht darstellen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="115"/>
        <source>Exported the unit on %n picture(s) to %1</source>
        <translation>
            <numerusform>Die Einheit auf %n Bild nach %1 exportiert</numerusform>
            <numerusform>Die Einheit auf %n Bildern nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="152"/>
        <source>No indexed pictures yet: add a folder in Image folders.</source>
        <translation>Noch keine indizierten Bilder: einen Ordner unter Bildordner hinzufügen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="191"/>
        <source>%1:%2 over %n indexed pictures</source>
        <translation>
            <numerusform>%1:%2 über %n indiziertes Bild</numerusform>
            <numerusform>%1:%2 über %n indizierte Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="193"/>
        <source>No labels: add a labels.csv or sort pictures into one sub-folder per label.</source>
        <translation>Keine Beschriftungen: eine labels.csv anlegen oder die Bilder in je einen Unterordner pro Beschriftung sortieren.</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="194"/>
        <source>Scoring the concepts&apos; words…</source>
        <translation>Die Wörter der Begriffe werden bewertet …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="213"/>
        <source>pictures (median, quartiles, range)</source>
        <translation>Bilder (Median, Quartile, Spannweite)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="215"/>
        <source>written word</source>
        <translation>geschriebenes Wort</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="247"/>
        <source>activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="291"/>
        <source>other labels</source>
        <translation>andere Beschriftungen</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="294"/>
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="315"/>
        <source>activation (spatial mean)</source>
        <translation>Aktivierung (räumliches Mittel)</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="322"/>
        <source>pictures</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="338"/>
        <source>Exporting the unit on every picture…</source>
        <translation>Die Einheit auf jedem Bild wird exportiert…</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="vanished">%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="382"/>
        <source>Unit response</source>
        <translation>Antwort der Einheit</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="383"/>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="384"/>
        <source>The chart as PNG, SVG or PDF (with a provenance sidecar), or its data as CSV</source>
        <translation>Das Diagramm als PNG, SVG oder PDF (mit Herkunftsdatei) oder seine Daten als CSV</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="385"/>
        <source>Text vs image</source>
        <translation>Text gegen Bild</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="386"/>
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="387"/>
        <source>Pictures of each concept vs its written word</source>
        <translation>Bilder jedes Begriffs gegen sein geschriebenes Wort</translation>
    </message>
    <message>
        <location filename="../widgets/explorer/UnitResponseDock.cpp" line="388"/>
        <source>Over every indexed picture, by label</source>
        <translation>Über alle indizierten Bilder, nach Beschriftung</translation>
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
<context>
    <name>ms::ZeroShotChart</name>
    <message>
        <location filename="../widgets/probe/ZeroShotChart.cpp" line="43"/>
        <source>probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ZeroShotChart.cpp" line="43"/>
        <source>clean</source>
        <translation>ohne Text</translation>
    </message>
    <message>
        <location filename="../widgets/probe/ZeroShotChart.cpp" line="44"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>with text</source>
        <translation type="vanished">mit Text</translation>
    </message>
</context>
</TS>
