<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Callbook::BusinessForm</name>
    <message>
        <source>Short unique name used in URLs and commands; fixed once saved.</source>
        <translation>Short unique name used in URLs and commands; fixed once saved.</translation>
    </message>
    <message>
        <source>The language the agent speaks for this business.</source>
        <translation>The language the agent speaks for this business.</translation>
    </message>
    <message>
        <source>The business&apos;s numbers in E.164 (+49…), separated by commas.</source>
        <translation>The business&apos;s numbers in E.164 (+49…), separated by commas.</translation>
    </message>
    <message>
        <source>Where transfer_to_staff connects callers during business hours (E.164); empty: callers are offered a callback.</source>
        <translation>Where transfer_to_staff connects callers during business hours (E.164); empty: callers are offered a callback.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>How long a slot is held for a caller between start_booking and confirm_booking.</source>
        <translation>How long a slot is held for a caller between start_booking and confirm_booking.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Transcripts and personal data older than this are deleted.</source>
        <translation>Transcripts and personal data older than this are deleted.</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>S&amp;hort name:</source>
        <translation>S&amp;hort name:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Time zone:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Phone numbers:</source>
        <translation>&amp;Phone numbers:</translation>
    </message>
    <message>
        <source>T&amp;ransfer to:</source>
        <translation>T&amp;ransfer to:</translation>
    </message>
    <message>
        <source>&amp;Hold slots for:</source>
        <translation>&amp;Hold slots for:</translation>
    </message>
    <message>
        <source>Price per &amp;minute:</source>
        <translation>Price per &amp;minute:</translation>
    </message>
    <message>
        <source>&amp;Keep data for:</source>
        <translation>&amp;Keep data for:</translation>
    </message>
    <message>
        <source>Open (e.g. 09:00-12:00, 13:00-18:00; empty: closed)</source>
        <translation>Open (e.g. 09:00-12:00, 13:00-18:00; empty: closed)</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Days the business is closed (YYYY-MM-DD), separated by commas.</source>
        <translation>Days the business is closed (YYYY-MM-DD), separated by commas.</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Business hours</translation>
    </message>
    <message>
        <source>&amp;Closed on:</source>
        <translation>&amp;Closed on:</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Price €</source>
        <translation>Price €</translation>
    </message>
    <message>
        <source>Buffer before</source>
        <translation>Buffer before</translation>
    </message>
    <message>
        <source>Buffer after</source>
        <translation>Buffer after</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>Also called</translation>
    </message>
    <message>
        <source>Cal.com event type</source>
        <translation>Cal.com event type</translation>
    </message>
    <message>
        <source>What callers can book. &quot;Also called&quot; lists other words callers use, separated by commas.</source>
        <translation>What callers can book. &quot;Also called&quot; lists other words callers use, separated by commas.</translation>
    </message>
    <message>
        <source>&amp;Add service</source>
        <translation>&amp;Add service</translation>
    </message>
    <message>
        <source>Remo&amp;ve service</source>
        <translation>Remo&amp;ve service</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>Callbook::CallbacksModel</name>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for more than %n minute(s).</source>
        <translation>
            <numerusform>Waiting for more than %n minute.</numerusform>
            <numerusform>Waiting for more than %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Preferred time</source>
        <translation>Preferred time</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
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
        <translation>Open requests older than this are highlighted as overdue.</translation>
    </message>
    <message>
        <source>Note, e.g. &quot;called back, booked for Friday&quot;</source>
        <translation>Note, e.g. &quot;called back, booked for Friday&quot;</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Mark &amp;done</translation>
    </message>
    <message>
        <source>Mark the selected request as done, with the note.</source>
        <translation>Mark the selected request as done, with the note.</translation>
    </message>
    <message>
        <source>&amp;Overdue after:</source>
        <translation>&amp;Overdue after:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>%1 open, %2 overdue</translation>
    </message>
</context>
<context>
    <name>Callbook::ConsoleBridge</name>
    <message>
        <source>The Cal.com API key was not found.</source>
        <translation>The Cal.com API key was not found.</translation>
    </message>
    <message>
        <source>No such business.</source>
        <translation>No such business.</translation>
    </message>
    <message>
        <source>This business has no Cal.com connection.</source>
        <translation>This business has no Cal.com connection.</translation>
    </message>
    <message>
        <source>The breaker is closed again.</source>
        <translation>The breaker is closed again.</translation>
    </message>
    <message>
        <source>Not a JSON object: %1 (at character %2).</source>
        <translation>Not a JSON object: %1 (at character %2).</translation>
    </message>
    <message>
        <source>Not stored: %1</source>
        <translation>Not stored: %1</translation>
    </message>
    <message>
        <source>Stored, but not yet served (restart the service): %1</source>
        <translation>Stored, but not yet served (restart the service): %1</translation>
    </message>
    <message>
        <source>Saved. The business is served with the new settings.</source>
        <translation>Saved. The business is served with the new settings.</translation>
    </message>
</context>
<context>
    <name>Callbook::ConversionPage</name>
    <message>
        <source>All businesses</source>
        <translation>All businesses</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>Read the figures for this range from the database.</source>
        <translation>Read the figures for this range from the database.</translation>
    </message>
    <message>
        <source>&amp;Business:</source>
        <translation>&amp;Business:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>Conversion %</source>
        <translation>Conversion %</translation>
    </message>
    <message>
        <source>Calls, bookings and conversion per day</source>
        <translation>Calls, bookings and conversion per day</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Avg. duration</source>
        <translation>Avg. duration</translation>
    </message>
    <message>
        <source>Function errors</source>
        <translation>Function errors</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>%1 calls · %2 bookings · conversion %3 % · average call %4 · function errors %5 % · cost %6</source>
        <translation>%1 calls · %2 bookings · conversion %3 % · average call %4 · function errors %5 % · cost %6</translation>
    </message>
</context>
<context>
    <name>Callbook::HealthPage</name>
    <message>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Failures in a row</translation>
    </message>
    <message>
        <source>Retry in (s)</source>
        <translation>Retry in (s)</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Cache hit rate</source>
        <translation>Cache hit rate</translation>
    </message>
    <message>
        <source>Upstream p50 / p95 ms</source>
        <translation>Upstream p50 / p95 ms</translation>
    </message>
    <message>
        <source>Rate budget left</source>
        <translation>Rate budget left</translation>
    </message>
    <message>
        <source>Times opened</source>
        <translation>Times opened</translation>
    </message>
    <message>
        <source>&amp;Reset breaker</source>
        <translation>&amp;Reset breaker</translation>
    </message>
    <message>
        <source>Close the selected business&apos;s breaker now, e.g. after Cal.com confirmed the outage is over. The next failure counts again.</source>
        <translation>Close the selected business&apos;s breaker now, e.g. after Cal.com confirmed the outage is over. The next failure counts again.</translation>
    </message>
    <message>
        <source>Businesses on the built-in calendar do not appear here.</source>
        <translation>Businesses on the built-in calendar do not appear here.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>half-open</source>
        <translation>half-open</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>not configured</translation>
    </message>
    <message>
        <source>Cal.com is refused at once; bookings become callback requests until the next try.</source>
        <translation>Cal.com is refused at once; bookings become callback requests until the next try.</translation>
    </message>
</context>
<context>
    <name>Callbook::LatencyPage</name>
    <message>
        <source>Last 15 minutes</source>
        <translation>Last 15 minutes</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>The time window the figures cover.</source>
        <translation>The time window the figures cover.</translation>
    </message>
    <message>
        <source>All functions</source>
        <translation>All functions</translation>
    </message>
    <message>
        <source>The function the histogram shows.</source>
        <translation>The function the histogram shows.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Functions whose p95 is above this are marked slow. Around 800 ms callers start to notice the silence.</source>
        <translation>Functions whose p95 is above this are marked slow. Around 800 ms callers start to notice the silence.</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Window:</translation>
    </message>
    <message>
        <source>&amp;Histogram of:</source>
        <translation>&amp;Histogram of:</translation>
    </message>
    <message>
        <source>&amp;Slow above:</source>
        <translation>&amp;Slow above:</translation>
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
        <translation>Latency per function (ms)</translation>
    </message>
    <message>
        <source>slow threshold</source>
        <translation>slow threshold</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>calls</translation>
    </message>
    <message>
        <source>Latency histogram (calls per latency band)</source>
        <translation>Latency histogram (calls per latency band)</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Function</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
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
        <translation>Max ms</translation>
    </message>
    <message>
        <source>Slower than threshold</source>
        <translation>Slower than threshold</translation>
    </message>
    <message>
        <source>Functions whose p95 is above the threshold are shown in red.</source>
        <translation>Functions whose p95 is above the threshold are shown in red.</translation>
    </message>
    <message>
        <source>p95 above %1 ms: callers hear the silence.</source>
        <translation>p95 above %1 ms: callers hear the silence.</translation>
    </message>
</context>
<context>
    <name>Callbook::LiveCallsModel</name>
    <message>
        <source>Ringing</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Analysed</source>
        <translation>Analysed</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>Numbers are masked; the full number is in the database only.</source>
        <translation>Numbers are masked; the full number is in the database only.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Functions</translation>
    </message>
</context>
<context>
    <name>Callbook::LiveCallsPage</name>
    <message>
        <source>Calls in progress (bold) and recent calls. Select one to see its timeline.</source>
        <translation>Calls in progress (bold) and recent calls. Select one to see its timeline.</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Select a call to see its timeline.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latency (ms)</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Arguments</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Summary and transcript appear once the call is analysed.</source>
        <translation>Summary and transcript appear once the call is analysed.</translation>
    </message>
    <message>
        <source>Timeline of call %1</source>
        <translation>Timeline of call %1</translation>
    </message>
    <message>
        <source>Timeline of call %1 could not be read: %2</source>
        <translation>Timeline of call %1 could not be read: %2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Function</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
</context>
<context>
    <name>Callbook::MainWindow</name>
    <message>
        <source>Callbook console</source>
        <translation>Callbook console</translation>
    </message>
    <message>
        <source>&amp;Live calls</source>
        <translation>&amp;Live calls</translation>
    </message>
    <message>
        <source>&amp;Function latency</source>
        <translation>&amp;Function latency</translation>
    </message>
    <message>
        <source>Cal.com &amp;health</source>
        <translation>Cal.com &amp;health</translation>
    </message>
    <message>
        <source>&amp;Conversion</source>
        <translation>&amp;Conversion</translation>
    </message>
    <message>
        <source>Call&amp;backs</source>
        <translation>Call&amp;backs</translation>
    </message>
    <message>
        <source>B&amp;usinesses</source>
        <translation>B&amp;usinesses</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>Calls in progress and recent calls, with each call&apos;s timeline</source>
        <translation>Calls in progress and recent calls, with each call&apos;s timeline</translation>
    </message>
    <message>
        <source>p50/p95 per function and a latency histogram</source>
        <translation>p50/p95 per function and a latency histogram</translation>
    </message>
    <message>
        <source>Circuit breaker, cache and rate budget per Cal.com business</source>
        <translation>Circuit breaker, cache and rate budget per Cal.com business</translation>
    </message>
    <message>
        <source>Calls, bookings and conversion per day</source>
        <translation>Calls, bookings and conversion per day</translation>
    </message>
    <message>
        <source>Callers waiting to be called back</source>
        <translation>Callers waiting to be called back</translation>
    </message>
    <message>
        <source>Numbers, services, business hours and closures</source>
        <translation>Numbers, services, business hours and closures</translation>
    </message>
    <message>
        <source>Listen address, database, secrets, language</source>
        <translation>Listen address, database, secrets, language</translation>
    </message>
    <message>
        <source>Listening on port %1</source>
        <translation>Listening on port %1</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>Database unavailable</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) in progress</source>
        <translation>
            <numerusform>%n call in progress</numerusform>
            <numerusform>%n calls in progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open callback(s)</source>
        <translation>
            <numerusform>%n open callback</numerusform>
            <numerusform>%n open callbacks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Cal.com breaker(s) open</source>
        <translation>
            <numerusform>%n Cal.com breaker open</numerusform>
            <numerusform>%n Cal.com breakers open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callbook::SecretRequests</name>
    <message>
        <source>Stored in the keychain.</source>
        <translation>Stored in the keychain.</translation>
    </message>
    <message>
        <source>Removed from the keychain.</source>
        <translation>Removed from the keychain.</translation>
    </message>
    <message>
        <source>Found (%1).</source>
        <translation>Found (%1).</translation>
    </message>
    <message>
        <source>Not found (keychain, %1, $CREDENTIALS_DIRECTORY).</source>
        <translation>Not found (keychain, %1, $CREDENTIALS_DIRECTORY).</translation>
    </message>
</context>
<context>
    <name>Callbook::SettingsPage</name>
    <message>
        <source>Service (used at the next start)</source>
        <translation>Service (used at the next start)</translation>
    </message>
    <message>
        <source>Address and port for Retell and Cal.com; a command-line --listen wins.</source>
        <translation>Address and port for Retell and Cal.com; a command-line --listen wins.</translation>
    </message>
    <message>
        <source>sqlite:///… or postgresql://user@host/db (default: callbook.db in the data directory)</source>
        <translation>sqlite:///… or postgresql://user@host/db (default: callbook.db in the data directory)</translation>
    </message>
    <message>
        <source>The password comes from the keychain (database-password) or PGPASSWORD, never from here.</source>
        <translation>The password comes from the keychain (database-password) or PGPASSWORD, never from here.</translation>
    </message>
    <message>
        <source>Save &amp;service settings</source>
        <translation>Save &amp;service settings</translation>
    </message>
    <message>
        <source>Saved. Restart Callbook to use them.</source>
        <translation>Saved. Restart Callbook to use them.</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Listen on:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <source>Secrets (OS keychain)</source>
        <translation>Secrets (OS keychain)</translation>
    </message>
    <message>
        <source>The secret&apos;s name, as the configuration refers to it.</source>
        <translation>The secret&apos;s name, as the configuration refers to it.</translation>
    </message>
    <message>
        <source>Stored in the keychain only; never shown again, never written to a file or the database.</source>
        <translation>Stored in the keychain only; never shown again, never written to a file or the database.</translation>
    </message>
    <message>
        <source>S&amp;tore</source>
        <translation>S&amp;tore</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>Look the secret up (keychain, environment, credentials directory) without showing it.</source>
        <translation>Look the secret up (keychain, environment, credentials directory) without showing it.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Enter the value first.</source>
        <translation>Enter the value first.</translation>
    </message>
    <message>
        <source>Storing…</source>
        <translation>Storing…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Value:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>The console uses it from the next start. What the agent says follows each business&apos;s own language.</source>
        <translation>The console uses it from the next start. What the agent says follows each business&apos;s own language.</translation>
    </message>
    <message>
        <source>Console lan&amp;guage:</source>
        <translation>Console lan&amp;guage:</translation>
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
        <translation>The businesses this installation answers for.</translation>
    </message>
    <message>
        <source>Numbers, services, business hours and closures of the selected business, in the format of the --config file. Secrets are named, never written here.</source>
        <translation>Numbers, services, business hours and closures of the selected business, in the format of the --config file. Secrets are named, never written here.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Check and store the business; calls are answered with it at once.</source>
        <translation>Check and store the business; calls are answered with it at once.</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Re&amp;vert</translation>
    </message>
    <message>
        <source>Discard the changes and show what is stored.</source>
        <translation>Discard the changes and show what is stored.</translation>
    </message>
    <message>
        <source>&amp;New business</source>
        <translation>&amp;New business</translation>
    </message>
    <message>
        <source>Start from a template; it is stored when you save it.</source>
        <translation>Start from a template; it is stored when you save it.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Fill in the new business and save it.</source>
        <translation>Fill in the new business and save it.</translation>
    </message>
    <message>
        <source>Not saved:
%1</source>
        <translation>Not saved:
%1</translation>
    </message>
    <message>
        <source>F&amp;orm</source>
        <translation>F&amp;orm</translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <source>Everything, including the calendar provider&apos;s settings.</source>
        <translation>Everything, including the calendar provider&apos;s settings.</translation>
    </message>
    <message>
        <source>The JSON is not valid (%1); fix it before using the form.</source>
        <translation>The JSON is not valid (%1); fix it before using the form.</translation>
    </message>
</context>
</TS>
