<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Callbook::BusinessForm</name>
    <message>
        <source>Short unique name used in URLs and commands; fixed once saved.</source>
        <translation>Kurzname für URLs und Befehle; nach dem Speichern nicht mehr änderbar.</translation>
    </message>
    <message>
        <source>The language the agent speaks for this business.</source>
        <translation>Die Sprache, in der der Agent für diesen Betrieb spricht.</translation>
    </message>
    <message>
        <source>The business&apos;s numbers in E.164 (+49…), separated by commas.</source>
        <translation>Die Rufnummern des Betriebs im Format E.164 (+49…), durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Where transfer_to_staff connects callers during business hours (E.164); empty: callers are offered a callback.</source>
        <translation>Wohin transfer_to_staff Anrufer während der Öffnungszeiten verbindet (E.164); leer: Anrufern wird ein Rückruf angeboten.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>How long a slot is held for a caller between start_booking and confirm_booking.</source>
        <translation>Wie lange ein Termin zwischen start_booking und confirm_booking für den Anrufer reserviert bleibt.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Transcripts and personal data older than this are deleted.</source>
        <translation>Transkripte und personenbezogene Daten, die älter sind, werden gelöscht.</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Betrieb</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>S&amp;hort name:</source>
        <translation>&amp;Kurzname:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Phone numbers:</source>
        <translation>&amp;Rufnummern:</translation>
    </message>
    <message>
        <source>T&amp;ransfer to:</source>
        <translation>&amp;Weiterleiten an:</translation>
    </message>
    <message>
        <source>&amp;Hold slots for:</source>
        <translation>Termine reser&amp;vieren für:</translation>
    </message>
    <message>
        <source>Price per &amp;minute:</source>
        <translation>&amp;Preis pro Minute:</translation>
    </message>
    <message>
        <source>&amp;Keep data for:</source>
        <translation>Daten &amp;aufbewahren:</translation>
    </message>
    <message>
        <source>Open (e.g. 09:00-12:00, 13:00-18:00; empty: closed)</source>
        <translation>Geöffnet (z. B. 09:00-12:00, 13:00-18:00; leer: geschlossen)</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>Days the business is closed (YYYY-MM-DD), separated by commas.</source>
        <translation>Tage, an denen der Betrieb geschlossen ist (JJJJ-MM-TT), durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Öffnungszeiten</translation>
    </message>
    <message>
        <source>&amp;Closed on:</source>
        <translation>&amp;Geschlossen am:</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Price €</source>
        <translation>Preis €</translation>
    </message>
    <message>
        <source>Buffer before</source>
        <translation>Puffer davor</translation>
    </message>
    <message>
        <source>Buffer after</source>
        <translation>Puffer danach</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>Auch genannt</translation>
    </message>
    <message>
        <source>Cal.com event type</source>
        <translation>Cal.com-Ereignistyp</translation>
    </message>
    <message>
        <source>What callers can book. &quot;Also called&quot; lists other words callers use, separated by commas.</source>
        <translation>Was Anrufer buchen können. „Auch genannt“ listet weitere Begriffe, die Anrufer verwenden, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>&amp;Add service</source>
        <translation>Leistung &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve service</source>
        <translation>Leistung &amp;entfernen</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Geöffnet</translation>
    </message>
</context>
<context>
    <name>Callbook::CallbacksModel</name>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for more than %n minute(s).</source>
        <translation>
            <numerusform>Wartet seit mehr als %n Minute.</numerusform>
            <numerusform>Wartet seit mehr als %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Betrieb</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anliegen</translation>
    </message>
    <message>
        <source>Preferred time</source>
        <translation>Wunschzeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>Callbook::CallbacksPage</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Open requests older than this are highlighted as overdue.</source>
        <translation>Offene Anfragen, die älter sind, werden als überfällig hervorgehoben.</translation>
    </message>
    <message>
        <source>Note, e.g. &quot;called back, booked for Friday&quot;</source>
        <translation>Notiz, z. B. „zurückgerufen, für Freitag gebucht“</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>Mark the selected request as done, with the note.</source>
        <translation>Die ausgewählte Anfrage mit der Notiz als erledigt markieren.</translation>
    </message>
    <message>
        <source>&amp;Overdue after:</source>
        <translation>Überfällig &amp;ab:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>%1 offen, %2 überfällig</translation>
    </message>
</context>
<context>
    <name>Callbook::ConsoleBridge</name>
    <message>
        <source>The Cal.com API key was not found.</source>
        <translation>Der Cal.com-API-Schlüssel wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>No such business.</source>
        <translation>Diesen Betrieb gibt es nicht.</translation>
    </message>
    <message>
        <source>This business has no Cal.com connection.</source>
        <translation>Dieser Betrieb hat keine Cal.com-Anbindung.</translation>
    </message>
    <message>
        <source>The breaker is closed again.</source>
        <translation>Der Schutzschalter ist wieder geschlossen.</translation>
    </message>
    <message>
        <source>Not a JSON object: %1 (at character %2).</source>
        <translation>Kein JSON-Objekt: %1 (bei Zeichen %2).</translation>
    </message>
    <message>
        <source>Not stored: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Stored, but not yet served (restart the service): %1</source>
        <translation>Gespeichert, aber noch nicht aktiv (Dienst neu starten): %1</translation>
    </message>
    <message>
        <source>Saved. The business is served with the new settings.</source>
        <translation>Gespeichert. Der Betrieb wird mit den neuen Einstellungen bedient.</translation>
    </message>
</context>
<context>
    <name>Callbook::ConversionPage</name>
    <message>
        <source>All businesses</source>
        <translation>Alle Betriebe</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>Read the figures for this range from the database.</source>
        <translation>Die Zahlen für diesen Zeitraum aus der Datenbank lesen.</translation>
    </message>
    <message>
        <source>&amp;Business:</source>
        <translation>&amp;Betrieb:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>B&amp;is:</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Conversion %</source>
        <translation>Konversion %</translation>
    </message>
    <message>
        <source>Calls, bookings and conversion per day</source>
        <translation>Anrufe, Buchungen und Konversion pro Tag</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Konversion</translation>
    </message>
    <message>
        <source>Avg. duration</source>
        <translation>Ø Dauer</translation>
    </message>
    <message>
        <source>Function errors</source>
        <translation>Funktionsfehler</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>%1 calls · %2 bookings · conversion %3 % · average call %4 · function errors %5 % · cost %6</source>
        <translation>%1 Anrufe · %2 Buchungen · Konversion %3 % · Ø Anrufdauer %4 · Funktionsfehler %5 % · Kosten %6</translation>
    </message>
</context>
<context>
    <name>Callbook::HealthPage</name>
    <message>
        <source>Business</source>
        <translation>Betrieb</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Fehler in Folge</translation>
    </message>
    <message>
        <source>Retry in (s)</source>
        <translation>Neuer Versuch in (s)</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Cache hit rate</source>
        <translation>Cache-Trefferquote</translation>
    </message>
    <message>
        <source>Upstream p50 / p95 ms</source>
        <translation>Cal.com p50 / p95 ms</translation>
    </message>
    <message>
        <source>Rate budget left</source>
        <translation>Verbleibendes Anfragekontingent</translation>
    </message>
    <message>
        <source>Times opened</source>
        <translation>Anzahl Auslösungen</translation>
    </message>
    <message>
        <source>&amp;Reset breaker</source>
        <translation>Schutzschalter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Close the selected business&apos;s breaker now, e.g. after Cal.com confirmed the outage is over. The next failure counts again.</source>
        <translation>Den Schutzschalter (Circuit Breaker) des ausgewählten Betriebs jetzt schließen, z. B. nachdem Cal.com das Ende der Störung bestätigt hat. Der nächste Fehler zählt wieder.</translation>
    </message>
    <message>
        <source>Businesses on the built-in calendar do not appear here.</source>
        <translation>Betriebe mit dem integrierten Kalender erscheinen hier nicht.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>half-open</source>
        <translation>halb offen</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>Cal.com is refused at once; bookings become callback requests until the next try.</source>
        <translation>Anfragen an Cal.com werden sofort abgewiesen; Buchungen werden bis zum nächsten Versuch zu Rückrufbitten.</translation>
    </message>
</context>
<context>
    <name>Callbook::LatencyPage</name>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>The time window the figures cover.</source>
        <translation>Der Zeitraum, den die Zahlen abdecken.</translation>
    </message>
    <message>
        <source>All functions</source>
        <translation>Alle Funktionen</translation>
    </message>
    <message>
        <source>The function the histogram shows.</source>
        <translation>Die Funktion, die das Histogramm zeigt.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Functions whose p95 is above this are marked slow. Around 800 ms callers start to notice the silence.</source>
        <translation>Funktionen, deren p95 darüber liegt, werden als langsam markiert. Ab etwa 800 ms bemerken Anrufer die Stille.</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Histogram of:</source>
        <translation>&amp;Histogramm für:</translation>
    </message>
    <message>
        <source>&amp;Slow above:</source>
        <translation>&amp;Langsam ab:</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Latency per function (ms)</source>
        <translation>Latenz pro Funktion (ms)</translation>
    </message>
    <message>
        <source>slow threshold</source>
        <translation>Langsam-Schwelle</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Latency histogram (calls per latency band)</source>
        <translation>Latenz-Histogramm (Anrufe pro Latenzbereich)</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <source>Max ms</source>
        <translation>Max. ms</translation>
    </message>
    <message>
        <source>Slower than threshold</source>
        <translation>Langsamer als Schwelle</translation>
    </message>
    <message>
        <source>Functions whose p95 is above the threshold are shown in red.</source>
        <translation>Funktionen, deren p95 über der Schwelle liegt, werden rot dargestellt.</translation>
    </message>
    <message>
        <source>p95 above %1 ms: callers hear the silence.</source>
        <translation>p95 über %1 ms: Anrufer hören die Stille.</translation>
    </message>
</context>
<context>
    <name>Callbook::LiveCallsModel</name>
    <message>
        <source>Ringing</source>
        <translation>Klingelt</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Analysed</source>
        <translation>Ausgewertet</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Numbers are masked; the full number is in the database only.</source>
        <translation>Nummern sind maskiert; die vollständige Nummer steht nur in der Datenbank.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Betrieb</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
</context>
<context>
    <name>Callbook::LiveCallsPage</name>
    <message>
        <source>Calls in progress (bold) and recent calls. Select one to see its timeline.</source>
        <translation>Laufende Anrufe (fett) und letzte Anrufe. Wählen Sie einen Anruf aus, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Wählen Sie einen Anruf aus, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>Summary and transcript appear once the call is analysed.</source>
        <translation>Zusammenfassung und Transkript erscheinen, sobald der Anruf ausgewertet ist.</translation>
    </message>
    <message>
        <source>Timeline of call %1</source>
        <translation>Verlauf von Anruf %1</translation>
    </message>
    <message>
        <source>Timeline of call %1 could not be read: %2</source>
        <translation>Verlauf von Anruf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
</context>
<context>
    <name>Callbook::MainWindow</name>
    <message>
        <source>Callbook console</source>
        <translation>Callbook-Konsole</translation>
    </message>
    <message>
        <source>&amp;Live calls</source>
        <translation>&amp;Live-Anrufe</translation>
    </message>
    <message>
        <source>&amp;Function latency</source>
        <translation>&amp;Funktionslatenz</translation>
    </message>
    <message>
        <source>Cal.com &amp;health</source>
        <translation>Cal.com-&amp;Zustand</translation>
    </message>
    <message>
        <source>&amp;Conversion</source>
        <translation>&amp;Konversion</translation>
    </message>
    <message>
        <source>Call&amp;backs</source>
        <translation>&amp;Rückrufe</translation>
    </message>
    <message>
        <source>B&amp;usinesses</source>
        <translation>&amp;Betriebe</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Calls in progress and recent calls, with each call&apos;s timeline</source>
        <translation>Laufende und letzte Anrufe, jeweils mit Verlauf</translation>
    </message>
    <message>
        <source>p50/p95 per function and a latency histogram</source>
        <translation>p50/p95 pro Funktion und ein Latenz-Histogramm</translation>
    </message>
    <message>
        <source>Circuit breaker, cache and rate budget per Cal.com business</source>
        <translation>Schutzschalter (Circuit Breaker), Cache und Anfragekontingent pro Cal.com-Betrieb</translation>
    </message>
    <message>
        <source>Calls, bookings and conversion per day</source>
        <translation>Anrufe, Buchungen und Konversion pro Tag</translation>
    </message>
    <message>
        <source>Callers waiting to be called back</source>
        <translation>Anrufer, die auf einen Rückruf warten</translation>
    </message>
    <message>
        <source>Numbers, services, business hours and closures</source>
        <translation>Nummern, Leistungen, Öffnungszeiten und Schließtage</translation>
    </message>
    <message>
        <source>Listen address, database, secrets, language</source>
        <translation>Adresse, Datenbank, Zugangsdaten, Sprache</translation>
    </message>
    <message>
        <source>Listening on port %1</source>
        <translation>Empfangsbereit auf Port %1</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>Datenbank nicht erreichbar</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) in progress</source>
        <translation>
            <numerusform>%n Anruf läuft</numerusform>
            <numerusform>%n Anrufe laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open callback(s)</source>
        <translation>
            <numerusform>%n offener Rückruf</numerusform>
            <numerusform>%n offene Rückrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Cal.com breaker(s) open</source>
        <translation>
            <numerusform>%n Cal.com-Schutzschalter offen</numerusform>
            <numerusform>%n Cal.com-Schutzschalter offen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callbook::SecretRequests</name>
    <message>
        <source>Stored in the keychain.</source>
        <translation>Im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Removed from the keychain.</source>
        <translation>Aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Found (%1).</source>
        <translation>Gefunden (%1).</translation>
    </message>
    <message>
        <source>Not found (keychain, %1, $CREDENTIALS_DIRECTORY).</source>
        <translation>Nicht gefunden (Schlüsselbund, %1, $CREDENTIALS_DIRECTORY).</translation>
    </message>
</context>
<context>
    <name>Callbook::SettingsPage</name>
    <message>
        <source>Service (used at the next start)</source>
        <translation>Dienst (wirksam ab dem nächsten Start)</translation>
    </message>
    <message>
        <source>Address and port for Retell and Cal.com; a command-line --listen wins.</source>
        <translation>Adresse und Port für Retell und Cal.com; ein --listen auf der Kommandozeile hat Vorrang.</translation>
    </message>
    <message>
        <source>sqlite:///… or postgresql://user@host/db (default: callbook.db in the data directory)</source>
        <translation>sqlite:///… oder postgresql://user@host/db (Standard: callbook.db im Datenverzeichnis)</translation>
    </message>
    <message>
        <source>The password comes from the keychain (database-password) or PGPASSWORD, never from here.</source>
        <translation>Das Passwort stammt aus dem Schlüsselbund (database-password) oder aus PGPASSWORD, niemals von hier.</translation>
    </message>
    <message>
        <source>Save &amp;service settings</source>
        <translation>Dienst-Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Saved. Restart Callbook to use them.</source>
        <translation>Gespeichert. Starten Sie Callbook neu, damit sie wirksam werden.</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Erreichbar unter:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>Secrets (OS keychain)</source>
        <translation>Zugangsdaten (Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>The secret&apos;s name, as the configuration refers to it.</source>
        <translation>Der Name des Geheimnisses, wie er in der Konfiguration verwendet wird.</translation>
    </message>
    <message>
        <source>Stored in the keychain only; never shown again, never written to a file or the database.</source>
        <translation>Wird nur im Schlüsselbund gespeichert; nie wieder angezeigt, nie in eine Datei oder die Datenbank geschrieben.</translation>
    </message>
    <message>
        <source>S&amp;tore</source>
        <translation>&amp;Hinterlegen</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Look the secret up (keychain, environment, credentials directory) without showing it.</source>
        <translation>Das Geheimnis suchen (Schlüsselbund, Umgebung, Verzeichnis für Zugangsdaten), ohne es anzuzeigen.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Enter the value first.</source>
        <translation>Geben Sie zuerst den Wert ein.</translation>
    </message>
    <message>
        <source>Storing…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Systemsprache verwenden</translation>
    </message>
    <message>
        <source>The console uses it from the next start. What the agent says follows each business&apos;s own language.</source>
        <translation>Die Konsole verwendet sie ab dem nächsten Start. Der Sprachagent spricht jeweils die Sprache des Betriebs.</translation>
    </message>
    <message>
        <source>Console lan&amp;guage:</source>
        <translation>&amp;Konsolensprache:</translation>
    </message>
    <message>
        <source>Problem: </source>
        <translation>Problem: </translation>
    </message>
</context>
<context>
    <name>Callbook::TenantsPage</name>
    <message>
        <source>The businesses this installation answers for.</source>
        <translation>Die Betriebe, für die diese Installation Anrufe entgegennimmt.</translation>
    </message>
    <message>
        <source>Numbers, services, business hours and closures of the selected business, in the format of the --config file. Secrets are named, never written here.</source>
        <translation>Nummern, Leistungen, Öffnungszeiten und Schließtage des ausgewählten Betriebs im Format der --config-Datei. Zugangsdaten werden nur mit Namen genannt, nie hier eingetragen.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Check and store the business; calls are answered with it at once.</source>
        <translation>Betrieb prüfen und speichern; Anrufe werden sofort damit beantwortet.</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Discard the changes and show what is stored.</source>
        <translation>Änderungen verwerfen und den gespeicherten Stand anzeigen.</translation>
    </message>
    <message>
        <source>&amp;New business</source>
        <translation>&amp;Neuer Betrieb</translation>
    </message>
    <message>
        <source>Start from a template; it is stored when you save it.</source>
        <translation>Mit einer Vorlage beginnen; sie wird gespeichert, sobald Sie speichern.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Fill in the new business and save it.</source>
        <translation>Füllen Sie die Angaben zum neuen Betrieb aus und speichern Sie ihn.</translation>
    </message>
    <message>
        <source>Not saved:
%1</source>
        <translation>Nicht gespeichert:
%1</translation>
    </message>
    <message>
        <source>F&amp;orm</source>
        <translation>&amp;Formular</translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <source>Everything, including the calendar provider&apos;s settings.</source>
        <translation>Alles, einschließlich der Einstellungen des Kalenderanbieters.</translation>
    </message>
    <message>
        <source>The JSON is not valid (%1); fix it before using the form.</source>
        <translation>Das JSON ist ungültig (%1); bitte korrigieren Sie es, bevor Sie das Formular verwenden.</translation>
    </message>
</context>
</TS>
