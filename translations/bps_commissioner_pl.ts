<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL" sourcelanguage="en_GB">
<context>
    <name>AuditLogView</name>
    <message>
        <source>Audit log: {path}</source>
        <translation>Dziennik zmian: {path}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Łącze</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Urządzenie</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ustawienie</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Rejestr</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>Było</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Jest</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Odczyt kontrolny</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>Zamknij ten komunikat</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>ChainModel</name>
    <message>
        <source>Link / unit</source>
        <translation>Łącze / urządzenie</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Last reply</source>
        <translation>Odpowiedź</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Urządzenie %1</translation>
    </message>
    <message>
        <source>1-phase</source>
        <translation>1-fazowe</translation>
    </message>
    <message>
        <source>3-phase</source>
        <translation>3-fazowe</translation>
    </message>
    <message>
        <source>RS485 %1</source>
        <translation>RS485 %1</translation>
    </message>
    <message>
        <source>Modbus TCP</source>
        <translation>Modbus TCP</translation>
    </message>
    <message>
        <source>In alarm: %1</source>
        <translation>Alarm: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Ostrzeżenie: %1</translation>
    </message>
    <message>
        <source>register fault</source>
        <translation>błąd rejestru</translation>
    </message>
    <message>
        <source>last poll failed</source>
        <translation>ostatni odczyt nieudany</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>No serial port found: plug in the USB-RS485 adapter and press Refresh, or type the port&apos;s name.</source>
        <translation>Nie znaleziono portu szeregowego: podłącz konwerter USB-RS485 i naciśnij Odśwież albo wpisz nazwę portu.</translation>
    </message>
    <message>
        <source>A serial port of the computer, not a USB adapter</source>
        <translation>Port szeregowy komputera, nie konwerter USB</translation>
    </message>
    <message>
        <source>USB VID:PID %1</source>
        <translation>USB VID:PID %1</translation>
    </message>
    <message>
        <source>Pick or type a serial port.</source>
        <translation>Wybierz albo wpisz port szeregowy.</translation>
    </message>
    <message>
        <source>Unit addresses are numbers from 1 to 247 and ranges, such as 1-32 or 1,2,5-8.</source>
        <translation>Adresy urządzeń to liczby od 1 do 247 i zakresy, np. 1-32 albo 1,2,5-8.</translation>
    </message>
    <message>
        <source>Type the host name or IP address of the unit or gateway.</source>
        <translation>Wpisz nazwę hosta albo adres IP urządzenia lub bramki.</translation>
    </message>
    <message>
        <source>The port after the host name must be a number from 1 to 65535.</source>
        <translation>Port po nazwie hosta musi być liczbą od 1 do 65535.</translation>
    </message>
    <message>
        <source>Unit ids are numbers from 1 to 247 and ranges, such as 1 or 1-6.</source>
        <translation>Identyfikatory urządzeń to liczby od 1 do 247 i zakresy, np. 1 albo 1-6.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Połącz</translation>
    </message>
    <message>
        <source>&amp;Recent:</source>
        <translation>&amp;Ostatnie:</translation>
    </message>
    <message>
        <source>(choose a recent connection)</source>
        <translation>(wybierz ostatnie połączenie)</translation>
    </message>
    <message>
        <source>&amp;Serial (RS485)</source>
        <translation>&amp;Szeregowe (RS485)</translation>
    </message>
    <message>
        <source>Modbus &amp;TCP</source>
        <translation>Modbus &amp;TCP</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Baud rate:</source>
        <translation>Prędkość trans&amp;misji:</translation>
    </message>
    <message>
        <source>Parit&amp;y:</source>
        <translation>Parz&amp;ystość:</translation>
    </message>
    <message>
        <source>Scan these a&amp;ddresses for units after connecting</source>
        <translation>S&amp;kanuj te adresy po połączeniu</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>Połą&amp;cz</translation>
    </message>
    <message>
        <source>St&amp;op bits:</source>
        <translation>&amp;Bity stopu:</translation>
    </message>
    <message>
        <source>&amp;Unit addresses:</source>
        <translation>Adresy &amp;urządzeń:</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>O&amp;dśwież</translation>
    </message>
    <message>
        <source>List the serial ports again (after plugging in an adapter)</source>
        <translation>Wyszukaj porty szeregowe ponownie (po podłączeniu konwertera)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>even</source>
        <translation>parzysta</translation>
    </message>
    <message>
        <source>odd</source>
        <translation>nieparzysta</translation>
    </message>
    <message>
        <source>Addresses such as 1-32 or 1,2,5-8</source>
        <translation>Adresy, np. 1-32 albo 1,2,5-8</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>Unit &amp;ids:</source>
        <translation>&amp;Identyfikatory urządzeń:</translation>
    </message>
    <message>
        <source>Modbus unit ids behind the host, such as 1 or 1-6</source>
        <translation>Identyfikatory Modbus urządzeń za hostem, np. 1 albo 1-6</translation>
    </message>
    <message>
        <source>Behind Modbus TCP the units are read by the ids given; a bus scan applies to serial links.</source>
        <translation>Przez Modbus TCP urządzenia są odczytywane według podanych identyfikatorów; skanowanie magistrali dotyczy łączy szeregowych.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPanel</name>
    <message>
        <source>Link</source>
        <translation>Łącze</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Urządzenie</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Zapytania</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Odpowiedzi</translation>
    </message>
    <message>
        <source>No reply</source>
        <translation>Brak odpowiedzi</translation>
    </message>
    <message>
        <source>Garbled (CRC)</source>
        <translation>Błędne (CRC)</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Wyjątki</translation>
    </message>
    <message>
        <source>Last reply [ms]</source>
        <translation>Ostatnia odp. [ms]</translation>
    </message>
    <message>
        <source>Average reply [ms]</source>
        <translation>Średnia odp. [ms]</translation>
    </message>
    <message>
        <source>all</source>
        <translation>wszystkie</translation>
    </message>
    <message>
        <source>Frame log</source>
        <translation>Dziennik ramek</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>Liczniki</translation>
    </message>
    <message>
        <source>Lin&amp;k:</source>
        <translation>Łącz&amp;e:</translation>
    </message>
    <message>
        <source>Di&amp;rection:</source>
        <translation>K&amp;ierunek:</translation>
    </message>
    <message>
        <source>Pause l&amp;og</source>
        <translation>Wst&amp;rzymaj dziennik</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopiuj</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>Wyc&amp;zyść</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>Urzą&amp;dzenie:</translation>
    </message>
    <message>
        <source>Filter by bytes, e.g. 01 03</source>
        <translation>Filtruj po bajtach, np. 01 03</translation>
    </message>
    <message>
        <source>Show only frames containing these bytes (hex)</source>
        <translation>Pokaż tylko ramki zawierające te bajty (szesnastkowo)</translation>
    </message>
    <message>
        <source>Keep the log as it is; frames arriving meanwhile are not kept</source>
        <translation>Zatrzymaj dziennik w obecnej postaci; ramki nadchodzące w tym czasie nie są zachowywane</translation>
    </message>
    <message>
        <source>Copy the selected frames (or all shown) as text (Ctrl+C)</source>
        <translation>Kopiuj zaznaczone ramki (albo wszystkie widoczne) jako tekst (Ctrl+C)</translation>
    </message>
    <message>
        <source>both</source>
        <translation>oba</translation>
    </message>
    <message>
        <source>sent (TX)</source>
        <translation>wysłane (TX)</translation>
    </message>
    <message>
        <source>received (RX)</source>
        <translation>odebrane (RX)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Two or more units answer at address %1: their replies collide. Give one of them another address on its LCD or web page, then scan again.</source>
        <translation>Pod adresem %1 odpowiada więcej niż jedno urządzenie: ich odpowiedzi się zderzają. Nadaj jednemu z nich inny adres (na wyświetlaczu LCD albo na stronie WWW), potem skanuj ponownie.</translation>
    </message>
    <message>
        <source>Serial port %1 is not there</source>
        <translation>Brak portu szeregowego %1</translation>
    </message>
    <message>
        <source>Plug in the USB-RS485 adapter, or pick another port in the Connect dialog.</source>
        <translation>Podłącz konwerter USB-RS485 albo wybierz inny port w oknie Połącz.</translation>
    </message>
    <message>
        <source>Serial port %1 is busy</source>
        <translation>Port szeregowy %1 jest zajęty</translation>
    </message>
    <message>
        <source>Another program has it open (a terminal, the vendor&apos;s tool, another BPS Commissioner): close it. The link retries by itself.</source>
        <translation>Otworzył go inny program (terminal, narzędzie producenta, drugi BPS Commissioner): zamknij go. Łącze ponawia próby samo.</translation>
    </message>
    <message>
        <source>No permission to open serial port %1</source>
        <translation>Brak uprawnień do portu szeregowego %1</translation>
    </message>
    <message>
        <source>Ask for access to the port (on Linux: the dialout group) or pick another.</source>
        <translation>Poproś o dostęp do portu (w Linuksie: grupa dialout) albo wybierz inny.</translation>
    </message>
    <message>
        <source>The serial port %1 went away</source>
        <translation>Port szeregowy %1 zniknął</translation>
    </message>
    <message>
        <source>The adapter may have been unplugged. Plug it back in: the link reopens by itself.</source>
        <translation>Konwerter mógł zostać odłączony. Podłącz go ponownie: łącze otworzy się samo.</translation>
    </message>
    <message>
        <source>The connection was refused</source>
        <translation>Połączenie zostało odrzucone</translation>
    </message>
    <message>
        <source>Check the IP address and that Modbus TCP is on in the unit&apos;s web page, with this port.</source>
        <translation>Sprawdź adres IP oraz czy Modbus TCP jest włączony na stronie WWW urządzenia, z tym numerem portu.</translation>
    </message>
    <message>
        <source>Unknown host name</source>
        <translation>Nieznana nazwa hosta</translation>
    </message>
    <message>
        <source>Check the spelling, or use the unit&apos;s IP address.</source>
        <translation>Sprawdź pisownię albo użyj adresu IP urządzenia.</translation>
    </message>
    <message>
        <source>The adapter refuses these bus settings</source>
        <translation>Konwerter nie przyjmuje tych ustawień magistrali</translation>
    </message>
    <message>
        <source>Pick other settings, or another adapter.</source>
        <translation>Wybierz inne ustawienia albo inny konwerter.</translation>
    </message>
    <message>
        <source>The link is down</source>
        <translation>Łącze nie działa</translation>
    </message>
    <message>
        <source>It is retried every second; check the cable, the adapter or the network.</source>
        <translation>Próba jest ponawiana co sekundę; sprawdź kabel, konwerter albo sieć.</translation>
    </message>
    <message>
        <source>Garbled replies from unit %1</source>
        <translation>Błędne odpowiedzi urządzenia %1</translation>
    </message>
    <message>
        <source>Likely causes: two units on one address, a baud-rate mismatch, or a bus without termination. The counters in Diagnostics show how often.</source>
        <translation>Prawdopodobne przyczyny: dwa urządzenia pod jednym adresem, niezgodna prędkość transmisji albo magistrala bez terminacji. Liczniki w Diagnostyce pokazują, jak często.</translation>
    </message>
    <message>
        <source>Unit %1 answered with Modbus exception %2</source>
        <translation>Urządzenie %1 odpowiedziało wyjątkiem Modbus %2</translation>
    </message>
    <message>
        <source>The unit refused the request; the detail below says what the code means.</source>
        <translation>Urządzenie odrzuciło zapytanie; szczegóły poniżej objaśniają kod.</translation>
    </message>
    <message>
        <source>No reply from unit %1</source>
        <translation>Brak odpowiedzi urządzenia %1</translation>
    </message>
    <message>
        <source>Check the unit&apos;s address (LCD menu), that the bus settings match the unit&apos;s, and the wiring: A/B swapped, a loose RJ45, missing termination.</source>
        <translation>Sprawdź adres urządzenia (menu LCD), zgodność ustawień magistrali z ustawieniami urządzenia oraz okablowanie: zamienione A/B, luźne złącze RJ45, brak terminacji.</translation>
    </message>
    <message>
        <source>Unit %1 could not be read</source>
        <translation>Nie udało się odczytać urządzenia %1</translation>
    </message>
    <message>
        <source>Unit %1 is offline</source>
        <translation>Urządzenie %1 nie odpowiada</translation>
    </message>
    <message>
        <source>It missed several polls in a row and is now polled less often. %1</source>
        <translation>Nie odpowiedziało na kilka kolejnych odczytów i jest teraz odpytywane rzadziej. %1</translation>
    </message>
</context>
<context>
    <name>FrameLogModel</name>
    <message>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Łącze</translation>
    </message>
    <message>
        <source>Dir.</source>
        <translation>Kier.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Urządz.</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bajty</translation>
    </message>
    <message>
        <source>Frame (hex)</source>
        <translation>Ramka (szesnastkowo)</translation>
    </message>
</context>
<context>
    <name>LinkState</name>
    <message>
        <source>connecting</source>
        <translation>łączenie</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>połączone</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>utracone</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięte</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The simulator could not start: %1</source>
        <translation>Nie udało się uruchomić symulatora: %1</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Symulator</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Łączenie z %1…</translation>
    </message>
    <message>
        <source>%1 now uses %2</source>
        <translation>%1 używa teraz %2</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Połączono: %1</translation>
    </message>
    <message>
        <source>Unit %1 · %2</source>
        <translation>Urządzenie %1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) polled</source>
        <translation>
            <numerusform>%n odpytywane urządzenie</numerusform>
            <numerusform>%n odpytywane urządzenia</numerusform>
            <numerusform>%n odpytywanych urządzeń</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a unit to see its dashboard and plots.</source>
        <translation>Wybierz urządzenie, aby zobaczyć jego pulpit i wykresy.</translation>
    </message>
    <message>
        <source>Connect to a serial link first.</source>
        <translation>Najpierw połącz się z łączem szeregowym.</translation>
    </message>
    <message>
        <source>A bus scan applies to serial links; behind Modbus TCP give the unit ids when connecting.</source>
        <translation>Skanowanie magistrali dotyczy łączy szeregowych; dla Modbus TCP podaj identyfikatory urządzeń przy łączeniu.</translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1: %n unit(s) found</source>
        <translation>
            <numerusform>Skanowanie %1: znaleziono %n urządzenie</numerusform>
            <numerusform>Skanowanie %1: znaleziono %n urządzenia</numerusform>
            <numerusform>Skanowanie %1: znaleziono %n urządzeń</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address conflict(s): see the chain tree</source>
        <translation>
            <numerusform>%n konflikt adresów: zobacz drzewo łańcucha</numerusform>
            <numerusform>%n konflikty adresów: zobacz drzewo łańcucha</numerusform>
            <numerusform>%n konfliktów adresów: zobacz drzewo łańcucha</numerusform>
        </translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Rozłączono: %1</translation>
    </message>
    <message>
        <source>Export the plotted data</source>
        <translation>Eksport danych z wykresów</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Nie udało się zapisać %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>Zapisano %n wiersz do %1</numerusform>
            <numerusform>Zapisano %n wiersze do %1</numerusform>
            <numerusform>Zapisano %n wierszy do %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the plots as an image</source>
        <translation>Eksport wykresów jako obrazu</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Obrazy PNG (*.png)</translation>
    </message>
    <message>
        <source>Plots saved to %1</source>
        <translation>Wykresy zapisano do %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Nie udało się zapisać %1</translation>
    </message>
    <message>
        <source>About BPS Commissioner</source>
        <translation>O programie BPS Commissioner</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BPS Commissioner %1&lt;/h3&gt;&lt;p&gt;Commissioning of BKT BPS2000v2 PDU chains over Modbus RTU and Modbus TCP: find the units, check what they measure, set their alarm limits.&lt;/p&gt;&lt;p&gt;Keyboard: Ctrl+O connect, Ctrl+R scan, Ctrl+T chain tree, Ctrl+1 dashboard, Ctrl+2 plots, Ctrl+P pause the plots, Ctrl+5 / Ctrl+6 / Ctrl+8 plot 5 minutes / 1 hour / 8 hours, Ctrl+D diagnostics.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BPS Commissioner %1&lt;/h3&gt;&lt;p&gt;Uruchamianie łańcuchów listew BKT BPS2000v2 przez Modbus RTU i Modbus TCP: znajdź urządzenia, sprawdź ich pomiary, ustaw progi alarmowe.&lt;/p&gt;&lt;p&gt;Klawiatura: Ctrl+O połącz, Ctrl+R skanuj, Ctrl+T drzewo łańcucha, Ctrl+1 pulpit, Ctrl+2 wykresy, Ctrl+P wstrzymaj wykresy, Ctrl+5 / Ctrl+6 / Ctrl+8 wykres z 5 minut / 1 godziny / 8 godzin, Ctrl+D diagnostyka.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(jeszcze brak)</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n urządzenie</numerusform>
            <numerusform>%n urządzenia</numerusform>
            <numerusform>%n urządzeń</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 online</source>
        <translation>%1 w sieci</translation>
    </message>
    <message>
        <source>%1 in alarm</source>
        <translation>%1 w alarmie</translation>
    </message>
    <message>
        <source>%1 warning</source>
        <translation>%1 z ostrzeżeniem</translation>
    </message>
    <message>
        <source>%1 offline</source>
        <translation>%1 poza siecią</translation>
    </message>
    <message>
        <source>%1 conflict</source>
        <translation>%1 w konflikcie</translation>
    </message>
    <message>
        <source>Polls: %1/s</source>
        <translation>Odczyty: %1/s</translation>
    </message>
    <message>
        <source>Bus efficiency: %1</source>
        <translation>Sprawność magistrali: %1</translation>
    </message>
    <message>
        <source>Answered: %1</source>
        <translation>Odpowiedzi: %1</translation>
    </message>
    <message>
        <source>BPS Commissioner – simulator</source>
        <translation>BPS Commissioner – symulator</translation>
    </message>
    <message>
        <source>BPS Commissioner</source>
        <translation>BPS Commissioner</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Łańcuch</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostyka</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Plik</translation>
    </message>
    <message>
        <source>&amp;Recent connections</source>
        <translation>&amp;Ostatnie połączenia</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Widok</translation>
    </message>
    <message>
        <source>Plot &amp;time window</source>
        <translation>&amp;Okno czasu wykresów</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Język</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Główny pasek narzędzi</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Połącz…</translation>
    </message>
    <message>
        <source>Connect to a serial port or a Modbus TCP host</source>
        <translation>Połącz z portem szeregowym albo hostem Modbus TCP</translation>
    </message>
    <message>
        <source>Start the &amp;simulator</source>
        <translation>Uruchom s&amp;ymulator</translation>
    </message>
    <message>
        <source>Connect to a built-in simulated chain of units (no hardware needed)</source>
        <translation>Połącz z wbudowanym symulowanym łańcuchem urządzeń (bez sprzętu)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Rozłącz</translation>
    </message>
    <message>
        <source>Stop polling the selected link and close it</source>
        <translation>Zakończ odpytywanie wybranego łącza i zamknij je</translation>
    </message>
    <message>
        <source>&amp;Scan the bus…</source>
        <translation>&amp;Skanuj magistralę…</translation>
    </message>
    <message>
        <source>Find the units on the selected serial link</source>
        <translation>Znajdź urządzenia na wybranym łączu szeregowym</translation>
    </message>
    <message>
        <source>&amp;Export plot data (CSV)…</source>
        <translation>&amp;Eksportuj dane wykresów (CSV)…</translation>
    </message>
    <message>
        <source>Save the data the plots show</source>
        <translation>Zapisz dane widoczne na wykresach</translation>
    </message>
    <message>
        <source>Export plots as &amp;image (PNG)…</source>
        <translation>Eksportuj wykresy jako o&amp;braz (PNG)…</translation>
    </message>
    <message>
        <source>Save the plots as a picture</source>
        <translation>Zapisz wykresy jako obraz</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <source>&amp;Chain tree</source>
        <translation>&amp;Drzewo łańcucha</translation>
    </message>
    <message>
        <source>Show or hide the chain tree (Ctrl+T)</source>
        <translation>Pokaż albo ukryj drzewo łańcucha (Ctrl+T)</translation>
    </message>
    <message>
        <source>&amp;Diagnostics</source>
        <translation>Dia&amp;gnostyka</translation>
    </message>
    <message>
        <source>Show or hide the frame log and counters</source>
        <translation>Pokaż albo ukryj dziennik ramek i liczniki</translation>
    </message>
    <message>
        <source>D&amp;ashboard</source>
        <translation>&amp;Pulpit</translation>
    </message>
    <message>
        <source>Live &amp;plots</source>
        <translation>&amp;Wykresy na żywo</translation>
    </message>
    <message>
        <source>&amp;Pause plots</source>
        <translation>W&amp;strzymaj wykresy</translation>
    </message>
    <message>
        <source>Freeze the plots; recording goes on</source>
        <translation>Zatrzymaj wykresy; zapis trwa dalej</translation>
    </message>
    <message>
        <source>&amp;About BPS Commissioner</source>
        <translation>&amp;O programie BPS Commissioner</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Połącz</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Skanuj</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Rozłącz</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Wstrzymaj</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Bus efficiency: the wire time of the requests and replies (with their 3.5-character silences) over the time the transactions took on the serial links in the last 10 s; the units&apos; turnaround, the adapter&apos;s latency and timeouts lower it. Answered: the share of requests that got a valid reply.</source>
        <translation>Sprawność magistrali: czas zapytań i odpowiedzi na linii (z ich przerwami 3,5 znaku) w stosunku do czasu trwania transakcji na łączach szeregowych w ostatnich 10 s; obniżają ją czas reakcji urządzeń, opóźnienie konwertera i przekroczenia czasu. Odpowiedzi: odsetek zapytań z poprawną odpowiedzią.</translation>
    </message>
    <message>
        <source>Unit polls with a valid reply per second, over the last 5 s</source>
        <translation>Odczyty urządzeń z poprawną odpowiedzią na sekundę, z ostatnich 5 s</translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <source>5 minutes</source>
        <extracomment>Time windows: seconds and label. A longer window is redrawn less often (REFRESH_MS): at 8 hours a pixel of the plot is about half a minute.</extracomment>
        <translation>5 minut</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 godzina</translation>
    </message>
    <message>
        <source>8 hours</source>
        <translation>8 godzin</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Wz&amp;nów</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>W&amp;strzymaj</translation>
    </message>
    <message>
        <source>Resume the live plots (Ctrl+P)</source>
        <translation>Wznów wykresy na żywo (Ctrl+P)</translation>
    </message>
    <message>
        <source>Freeze the plots to look closer; recording goes on (Ctrl+P)</source>
        <translation>Zatrzymaj wykresy, aby przyjrzeć się bliżej; zapis trwa dalej (Ctrl+P)</translation>
    </message>
    <message>
        <source>Time &amp;window:</source>
        <translation>&amp;Okno czasu:</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Eksport CS&amp;V…</translation>
    </message>
    <message>
        <source>Save the data the plots show as a CSV file (Ctrl+E)</source>
        <translation>Zapisz dane widoczne na wykresach jako plik CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation>Eksport PN&amp;G…</translation>
    </message>
    <message>
        <source>Save the plots as a PNG image (Ctrl+Shift+E)</source>
        <translation>Zapisz wykresy jako obraz PNG (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Voltage [V]</source>
        <translation>Napięcie [V]</translation>
    </message>
    <message>
        <source>Current [A]</source>
        <translation>Prąd [A]</translation>
    </message>
    <message>
        <source>Active power [W]</source>
        <translation>Moc czynna [W]</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Apply a threshold profile</source>
        <translation>Zastosuj profil progów</translation>
    </message>
    <message>
        <source>Profile &amp;file:</source>
        <translation>&amp;Plik profilu:</translation>
    </message>
    <message>
        <source>a .json profile, e.g. one exported from a unit</source>
        <translation>profil .json, np. wyeksportowany z urządzenia</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Wybierz…</translation>
    </message>
    <message>
        <source>&amp;Units:</source>
        <translation>&amp;Urządzenia:</translation>
    </message>
    <message>
        <source>Unit {unit}</source>
        <translation>Urządzenie {unit}</translation>
    </message>
    <message>
        <source>&amp;Rated current:</source>
        <translation>Prąd &amp;znamionowy:</translation>
    </message>
    <message>
        <source>The units&apos; rated current limits the current thresholds; it cannot be read from a unit.</source>
        <translation>Prąd znamionowy urządzeń ogranicza progi prądu; nie da się go odczytać z urządzenia.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Urządzenie</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ustawienie</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>Było</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Będzie</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Odczyt kontrolny</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>Pod&amp;gląd</translation>
    </message>
    <message>
        <source>Show what would change on each unit, write nothing</source>
        <translation>Pokaż, co zmieniłoby się w każdym urządzeniu, nic nie zapisuj</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Zastosuj</translation>
    </message>
    <message>
        <source>Retry &amp;failed units</source>
        <translation>Ponów &amp;nieudane urządzenia</translation>
    </message>
    <message>
        <source>&amp;Stop writing</source>
        <translation>&amp;Przerwij zapis</translation>
    </message>
    <message>
        <source>Choose a threshold profile</source>
        <translation>Wybierz profil progów</translation>
    </message>
    <message>
        <source>Threshold profiles (*.json);;All files (*)</source>
        <translation>Profile progów (*.json);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>✗ This profile cannot be used: {error}</source>
        <translation>✗ Tego profilu nie można użyć: {error}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(bez nazwy)</translation>
    </message>
    <message numerus="yes">
        <source>“{name}”: %n setting(s)</source>
        <translation>
            <numerusform>„{name}”: %n ustawienie</numerusform>
            <numerusform>„{name}”: %n ustawienia</numerusform>
            <numerusform>„{name}”: %n ustawień</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a profile file.</source>
        <translation>Wybierz plik profilu.</translation>
    </message>
    <message numerus="yes">
        <source>Checking the profile against %n unit(s)…</source>
        <translation>
            <numerusform>Sprawdzanie profilu dla %n urządzenia…</numerusform>
            <numerusform>Sprawdzanie profilu dla %n urządzeń…</numerusform>
            <numerusform>Sprawdzanie profilu dla %n urządzeń…</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing {done} of {total}: {what}</source>
        <translation>Zapis {done} z {total}: {what}</translation>
    </message>
    <message>
        <source>cancelled before anything was written</source>
        <translation>przerwano, zanim cokolwiek zapisano</translation>
    </message>
    <message>
        <source>Nothing was written: {error}</source>
        <translation>Nic nie zapisano: {error}</translation>
    </message>
    <message>
        <source>Refused: nothing was written on any unit. Fix the profile or the selection and try again.</source>
        <translation>Odrzucono: w żadnym urządzeniu nic nie zapisano. Popraw profil albo wybór i spróbuj ponownie.</translation>
    </message>
    <message numerus="yes">
        <source>Preview: %n change(s) would be written; nothing was written.</source>
        <translation>
            <numerusform>Podgląd: zostałaby zapisana %n zmiana; nic nie zapisano.</numerusform>
            <numerusform>Podgląd: zostałyby zapisane %n zmiany; nic nie zapisano.</numerusform>
            <numerusform>Podgląd: zostałoby zapisanych %n zmian; nic nie zapisano.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) applied and confirmed by read-back.</source>
        <translation>
            <numerusform>Zastosowano %n ustawienie, potwierdzone odczytem kontrolnym.</numerusform>
            <numerusform>Zastosowano %n ustawienia, potwierdzone odczytem kontrolnym.</numerusform>
            <numerusform>Zastosowano %n ustawień, potwierdzonych odczytem kontrolnym.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) NOT applied</source>
        <translation>
            <numerusform>NIE zastosowano %n ustawienia</numerusform>
            <numerusform>NIE zastosowano %n ustawień</numerusform>
            <numerusform>NIE zastosowano %n ustawień</numerusform>
        </translation>
    </message>
    <message>
        <source>(units {units}): see the rows marked ✗ or –.</source>
        <translation>(urządzenia {units}): zobacz wiersze oznaczone ✗ albo –.</translation>
    </message>
    <message>
        <source>The audit log could not be written: {error}</source>
        <translation>Nie udało się zapisać dziennika zmian: {error}</translation>
    </message>
</context>
<context>
    <name>Quantity</name>
    <message>
        <source>Voltage</source>
        <extracomment>Threshold registers, the only ones that accept a write (function 06).</extracomment>
        <translation>Napięcie</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Prąd</translation>
    </message>
    <message>
        <source>Active power</source>
        <translation>Moc czynna</translation>
    </message>
    <message>
        <source>Reactive power</source>
        <translation>Moc bierna</translation>
    </message>
    <message>
        <source>Apparent power</source>
        <translation>Moc pozorna</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Częstotliwość</translation>
    </message>
    <message>
        <source>Power factor</source>
        <translation>Współczynnik mocy</translation>
    </message>
    <message>
        <source>Active energy</source>
        <translation>Energia czynna</translation>
    </message>
    <message>
        <source>Apparent energy</source>
        <translation>Energia pozorna</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Temperature 1</source>
        <translation>Temperatura 1</translation>
    </message>
    <message>
        <source>Temperature 2</source>
        <translation>Temperatura 2</translation>
    </message>
    <message>
        <source>Humidity</source>
        <translation>Wilgotność</translation>
    </message>
    <message>
        <source>Humidity 1</source>
        <translation>Wilgotność 1</translation>
    </message>
    <message>
        <source>Humidity 2</source>
        <translation>Wilgotność 2</translation>
    </message>
    <message>
        <source>Door 1</source>
        <translation>Drzwi 1</translation>
    </message>
    <message>
        <source>Door 2</source>
        <translation>Drzwi 2</translation>
    </message>
    <message>
        <source>Smoke</source>
        <translation>Dym</translation>
    </message>
    <message>
        <source>Water (flood)</source>
        <translation>Woda (zalanie)</translation>
    </message>
    <message>
        <source>Voltage L1</source>
        <translation>Napięcie L1</translation>
    </message>
    <message>
        <source>Voltage L2</source>
        <translation>Napięcie L2</translation>
    </message>
    <message>
        <source>Voltage L3</source>
        <translation>Napięcie L3</translation>
    </message>
    <message>
        <source>Current L1</source>
        <translation>Prąd L1</translation>
    </message>
    <message>
        <source>Current L2</source>
        <translation>Prąd L2</translation>
    </message>
    <message>
        <source>Current L3</source>
        <translation>Prąd L3</translation>
    </message>
    <message>
        <source>low alarm</source>
        <translation>alarm dolny</translation>
    </message>
    <message>
        <source>high alarm</source>
        <translation>alarm górny</translation>
    </message>
    <message>
        <source>alarm state</source>
        <translation>stan alarmu</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>The first address must not be above the last.</source>
        <translation>Pierwszy adres nie może być większy niż ostatni.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Rozpoczynanie…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Przerywanie…</translation>
    </message>
    <message>
        <source>Detecting the bus settings: trying %1 (%2 of %3)…</source>
        <translation>Wykrywanie ustawień magistrali: próba %1 (%2 z %3)…</translation>
    </message>
    <message>
        <source>Scanning address %1 (%2 of %3)…</source>
        <translation>Skanowanie adresu %1 (%2 z %3)…</translation>
    </message>
    <message>
        <source>The scan failed: %1</source>
        <translation>Skanowanie nie powiodło się: %1</translation>
    </message>
    <message>
        <source>The scan was cancelled.</source>
        <translation>Skanowanie zostało przerwane.</translation>
    </message>
    <message>
        <source>The link was disconnected.</source>
        <translation>Łącze zostało rozłączone.</translation>
    </message>
    <message>
        <source>No unit answered at any bus setting. Check the wiring (A/B swapped?), the adapter, and that the units are powered.</source>
        <translation>Żadne urządzenie nie odpowiedziało przy żadnych ustawieniach magistrali. Sprawdź okablowanie (zamienione A/B?), konwerter i zasilanie urządzeń.</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) found</source>
        <translation>
            <numerusform>Znaleziono %n urządzenie</numerusform>
            <numerusform>Znaleziono %n urządzenia</numerusform>
            <numerusform>Znaleziono %n urządzeń</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2 in %3 s.</source>
        <translation>%1 przy %2 w %3 s.</translation>
    </message>
    <message>
        <source>Cancelled before the end: the list may be incomplete.</source>
        <translation>Przerwano przed końcem: lista może być niepełna.</translation>
    </message>
    <message numerus="yes">
        <source>%n address conflict(s).</source>
        <translation>
            <numerusform>%n konflikt adresów.</numerusform>
            <numerusform>%n konflikty adresów.</numerusform>
            <numerusform>%n konfliktów adresów.</numerusform>
        </translation>
    </message>
    <message>
        <source>three-phase</source>
        <translation>trójfazowe</translation>
    </message>
    <message>
        <source>single-phase</source>
        <translation>jednofazowe</translation>
    </message>
    <message>
        <source>Unit %1: %2, %3 V</source>
        <translation>Urządzenie %1: %2, %3 V</translation>
    </message>
    <message>
        <source>Address %1: conflict. %2</source>
        <translation>Adres %1: konflikt. %2</translation>
    </message>
    <message>
        <source>Address %1 answered, but: %2</source>
        <translation>Adres %1 odpowiedział, ale: %2</translation>
    </message>
    <message>
        <source>Scan the bus</source>
        <translation>Skanowanie magistrali</translation>
    </message>
    <message>
        <source>Find the units on link %1.</source>
        <translation>Znajdź urządzenia na łączu %1.</translation>
    </message>
    <message>
        <source>Addresses &amp;from</source>
        <translation>Adresy &amp;od</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;do</translation>
    </message>
    <message>
        <source>Bus settings</source>
        <translation>Ustawienia magistrali</translation>
    </message>
    <message>
        <source>&amp;Known settings:</source>
        <translation>Z&amp;nane ustawienia:</translation>
    </message>
    <message>
        <source>&amp;Detect automatically (factory 9600 8N1 first; slower)</source>
        <translation>&amp;Wykryj automatycznie (najpierw fabryczne 9600 8N1; wolniej)</translation>
    </message>
    <message>
        <source>no parity</source>
        <translation>bez parzystości</translation>
    </message>
    <message>
        <source>even parity</source>
        <translation>parzystość parzysta</translation>
    </message>
    <message>
        <source>odd parity</source>
        <translation>parzystość nieparzysta</translation>
    </message>
    <message numerus="yes">
        <source>%n stop bit(s)</source>
        <translation>
            <numerusform>%n bit stopu</numerusform>
            <numerusform>%n bity stopu</numerusform>
            <numerusform>%n bitów stopu</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Start scan</source>
        <translation>&amp;Rozpocznij skanowanie</translation>
    </message>
    <message>
        <source>Cance&amp;l scan</source>
        <translation>&amp;Przerwij skanowanie</translation>
    </message>
    <message>
        <source>Polling of this link pauses while the scan runs.</source>
        <translation>Podczas skanowania odpytywanie tego łącza jest wstrzymane.</translation>
    </message>
</context>
<context>
    <name>ThresholdEditor</name>
    <message>
        <source>Alarm thresholds of unit {unit}</source>
        <translation>Progi alarmowe urządzenia {unit}</translation>
    </message>
    <message>
        <source>&amp;Rated current:</source>
        <translation>Prąd &amp;znamionowy:</translation>
    </message>
    <message>
        <source>The unit&apos;s rated current limits the current thresholds; it cannot be read from the unit.</source>
        <translation>Prąd znamionowy urządzenia ogranicza progi prądu; nie da się go odczytać z urządzenia.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ustawienie</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Obecnie</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nowa wartość</translation>
    </message>
    <message>
        <source>Live reading</source>
        <translation>Bieżący odczyt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Wczytaj ponownie</translation>
    </message>
    <message>
        <source>Read the unit&apos;s present thresholds again</source>
        <translation>Odczytaj ponownie obecne progi urządzenia</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Przy&amp;wróć</translation>
    </message>
    <message>
        <source>Put every field back to the unit&apos;s present value</source>
        <translation>Przywróć w każdym polu obecną wartość urządzenia</translation>
    </message>
    <message>
        <source>Retry &amp;failed</source>
        <translation>Ponów &amp;nieudane</translation>
    </message>
    <message>
        <source>Write the settings that failed or were not written again</source>
        <translation>Zapisz ponownie ustawienia, które się nie powiodły albo nie zostały zapisane</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Anuluj</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Zastosuj</translation>
    </message>
    <message>
        <source>Cannot read unit {unit}: {error}</source>
        <translation>Nie można odczytać urządzenia {unit}: {error}</translation>
    </message>
    <message>
        <source>cancelled before anything was written</source>
        <translation>przerwano, zanim cokolwiek zapisano</translation>
    </message>
    <message>
        <source>Nothing was written: {error}</source>
        <translation>Nic nie zapisano: {error}</translation>
    </message>
    <message>
        <source>Refused, nothing was written: {problems}</source>
        <translation>Odrzucono, nic nie zapisano: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) applied and confirmed by read-back.</source>
        <translation>
            <numerusform>Zastosowano %n ustawienie, potwierdzone odczytem kontrolnym.</numerusform>
            <numerusform>Zastosowano %n ustawienia, potwierdzone odczytem kontrolnym.</numerusform>
            <numerusform>Zastosowano %n ustawień, potwierdzonych odczytem kontrolnym.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) NOT applied: see the rows marked ✗ or –.</source>
        <translation>
            <numerusform>NIE zastosowano %n ustawienia: zobacz wiersze oznaczone ✗ albo –.</numerusform>
            <numerusform>NIE zastosowano %n ustawień: zobacz wiersze oznaczone ✗ albo –.</numerusform>
            <numerusform>NIE zastosowano %n ustawień: zobacz wiersze oznaczone ✗ albo –.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log could not be written: {error}</source>
        <translation>Nie udało się zapisać dziennika zmian: {error}</translation>
    </message>
    <message>
        <source>writing…</source>
        <translation>zapisywanie…</translation>
    </message>
    <message>
        <source>to write: {old} → {new}</source>
        <translation>do zapisu: {old} → {new}</translation>
    </message>
    <message>
        <source>Fix the fields marked ✗ first</source>
        <translation>Najpierw popraw pola oznaczone ✗</translation>
    </message>
    <message>
        <source>Nothing to write: every field holds the unit&apos;s present value</source>
        <translation>Nic do zapisania: każde pole ma obecną wartość urządzenia</translation>
    </message>
    <message numerus="yes">
        <source>Write %n change(s) to the unit</source>
        <translation>
            <numerusform>Zapisz %n zmianę w urządzeniu</numerusform>
            <numerusform>Zapisz %n zmiany w urządzeniu</numerusform>
            <numerusform>Zapisz %n zmian w urządzeniu</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the unit&apos;s present thresholds…</source>
        <translation>Odczytywanie obecnych progów urządzenia…</translation>
    </message>
    <message>
        <source>Allowed: {low} .. {high}</source>
        <translation>Dozwolone: {low} .. {high}</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nie podłączono</translation>
    </message>
</context>
<context>
    <name>ThresholdResults</name>
    <message>
        <source>applied</source>
        <translation>zastosowano</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nie powiodło się</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>nie zapisano</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>bez zmian</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>zaplanowano</translation>
    </message>
    <message>
        <source>{quantity}: {side}</source>
        <translation>{quantity}: {side}</translation>
    </message>
    <message>
        <source>✓ applied</source>
        <translation>✓ zastosowano</translation>
    </message>
    <message>
        <source>= unchanged</source>
        <translation>= bez zmian</translation>
    </message>
    <message>
        <source>planned: {old} → {new}</source>
        <translation>zaplanowano: {old} → {new}</translation>
    </message>
    <message>
        <source>✗ failed: the unit reads back {read_back} instead of {new}</source>
        <translation>✗ nie powiodło się: urządzenie zwraca {read_back} zamiast {new}</translation>
    </message>
    <message>
        <source>✗ not confirmed: written, but the read-back failed: {error}</source>
        <translation>✗ niepotwierdzone: zapisano, ale odczyt kontrolny się nie powiódł: {error}</translation>
    </message>
    <message>
        <source>✗ failed: the link was lost; the unit&apos;s value is unknown</source>
        <translation>✗ nie powiodło się: utracono łącze; wartość w urządzeniu jest nieznana</translation>
    </message>
    <message>
        <source>✗ failed: {error}</source>
        <translation>✗ nie powiodło się: {error}</translation>
    </message>
    <message>
        <source>; the unit holds {value}</source>
        <translation>; urządzenie ma {value}</translation>
    </message>
    <message>
        <source>– not written: the unit holds {other} = {value}, so this value would put low above high</source>
        <translation>– nie zapisano: urządzenie ma {other} = {value}, więc ta wartość ustawiłaby próg dolny powyżej górnego</translation>
    </message>
    <message>
        <source>– not written: the other limit is unknown after its failed write</source>
        <translation>– nie zapisano: drugi próg jest nieznany po jego nieudanym zapisie</translation>
    </message>
    <message>
        <source>– not written: cancelled</source>
        <translation>– nie zapisano: przerwano</translation>
    </message>
    <message>
        <source>– not written: the link was lost</source>
        <translation>– nie zapisano: utracono łącze</translation>
    </message>
    <message>
        <source>– not written: the unit stopped answering</source>
        <translation>– nie zapisano: urządzenie przestało odpowiadać</translation>
    </message>
    <message>
        <source>– not written: the audit log could not be written</source>
        <translation>– nie zapisano: nie udało się zapisać dziennika zmian</translation>
    </message>
    <message>
        <source>– not written: interrupted</source>
        <translation>– nie zapisano: przerwano</translation>
    </message>
    <message>
        <source>– not written: {reason}</source>
        <translation>– nie zapisano: {reason}</translation>
    </message>
    <message>
        <source>outside {low} .. {high}</source>
        <translation>poza zakresem {low} .. {high}</translation>
    </message>
    <message>
        <source>above the high alarm ({other})</source>
        <translation>powyżej alarmu górnego ({other})</translation>
    </message>
    <message>
        <source>below the low alarm ({other})</source>
        <translation>poniżej alarmu dolnego ({other})</translation>
    </message>
    <message>
        <source>, the unit&apos;s present value</source>
        <translation>, obecna wartość urządzenia</translation>
    </message>
    <message>
        <source>more decimals than the unit stores</source>
        <translation>więcej miejsc po przecinku, niż urządzenie przechowuje</translation>
    </message>
    <message>
        <source>cannot read the unit&apos;s present thresholds: {error}</source>
        <translation>nie można odczytać obecnych progów urządzenia: {error}</translation>
    </message>
    <message>
        <source>the audit log cannot be written: {error}</source>
        <translation>nie można zapisać dziennika zmian: {error}</translation>
    </message>
</context>
<context>
    <name>UnitDashboard</name>
    <message>
        <source>Alarm below %1 or above %2</source>
        <extracomment>The per-phase quantities, in the order of the unit&apos;s web page. The rows of the phases table: (kind, field); the monitored quantities (voltage and current) are each followed by their alarm limits and alarm state per phase. Totals: energies from their own registers, powers summed over the phases.</extracomment>
        <translation>Alarm poniżej %1 albo powyżej %2</translation>
    </message>
    <message>
        <source>Phases and totals</source>
        <translation>Fazy i sumy</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Czujniki</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Suma</translation>
    </message>
    <message>
        <source>Voltage limits</source>
        <translation>Progi napięcia</translation>
    </message>
    <message>
        <source>Current limits</source>
        <translation>Progi prądu</translation>
    </message>
    <message>
        <source>Low limit</source>
        <translation>Próg dolny</translation>
    </message>
    <message>
        <source>High limit</source>
        <translation>Próg górny</translation>
    </message>
    <message>
        <source>Voltage alarm</source>
        <translation>Alarm napięcia</translation>
    </message>
    <message>
        <source>Current alarm</source>
        <translation>Alarm prądu</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>The latest poll failed: these values are from %1.</source>
        <translation>Ostatni odczyt się nie powiódł: te wartości pochodzą z %1.</translation>
    </message>
    <message>
        <source>The unit reported a register fault (a device or line fault); the value is not shown: %1</source>
        <translation>Urządzenie zgłosiło błędny rejestr (usterka urządzenia albo linii); wartość nie jest pokazywana: %1</translation>
    </message>
</context>
<context>
    <name>UnitState</name>
    <message>
        <source>waiting</source>
        <translation>oczekiwanie</translation>
    </message>
    <message>
        <source>online</source>
        <translation>w sieci</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>ostrzeżenie</translation>
    </message>
    <message>
        <source>alarm</source>
        <translation>alarm</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>poza siecią</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>konflikt</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Pu&amp;lpit</translation>
    </message>
    <message>
        <source>Live &amp;plots</source>
        <translation>W&amp;ykresy na żywo</translation>
    </message>
    <message>
        <source>last reply %1</source>
        <translation>ostatnia odpowiedź %1</translation>
    </message>
    <message>
        <source>Address conflict</source>
        <translation>Konflikt adresów</translation>
    </message>
    <message>
        <source>So far: %1 requests, %2 without reply, %3 garbled.</source>
        <translation>Dotąd: zapytania %1, bez odpowiedzi %2, błędne %3.</translation>
    </message>
    <message>
        <source>No unit selected</source>
        <translation>Nie wybrano urządzenia</translation>
    </message>
    <message>
        <source>Connect to a USB-RS485 adapter or a Modbus TCP host (File &gt; Connect…, Ctrl+O), or try the built-in simulator (File &gt; Start the simulator). Then pick a unit in the chain tree.</source>
        <translation>Połącz się z konwerterem USB-RS485 albo hostem Modbus TCP (Plik &gt; Połącz…, Ctrl+O) albo wypróbuj wbudowany symulator (Plik &gt; Uruchom symulator). Potem wybierz urządzenie w drzewie łańcucha.</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>P&amp;ołącz…</translation>
    </message>
</context>
<context>
    <name>ValueStatus</name>
    <message>
        <source>normal</source>
        <extracomment>Text colour and background tint of a value cell, by level.</extracomment>
        <translation>norma</translation>
    </message>
    <message>
        <source>low alarm</source>
        <translation>alarm dolny</translation>
    </message>
    <message>
        <source>high alarm</source>
        <translation>alarm górny</translation>
    </message>
    <message>
        <source>near limit</source>
        <translation>blisko progu</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nie podłączono</translation>
    </message>
    <message>
        <source>no such phase</source>
        <translation>brak fazy</translation>
    </message>
    <message>
        <source>unknown state</source>
        <translation>nieznany stan</translation>
    </message>
    <message>
        <source>open</source>
        <translation>otwarte</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięte</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>wykryto</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>register fault</source>
        <translation>błąd rejestru</translation>
    </message>
</context>
</TS>
