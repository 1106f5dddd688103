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
        <source>planned</source>
        <extracomment>What the commissioning plan says of a unit (ui/commission_panel.py), shown after its title.</extracomment>
        <translation>zaplanowane</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>unexpected</source>
        <translation>nieplanowane</translation>
    </message>
    <message>
        <source>address conflict</source>
        <translation>konflikt adresów</translation>
    </message>
    <message>
        <source>Master</source>
        <translation>Master</translation>
    </message>
    <message>
        <source>Slave %1</source>
        <translation>Slave %1</translation>
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
        <source>SNMPv3 master</source>
        <translation>master SNMPv3</translation>
    </message>
    <message>
        <source>SNMP v%1 master</source>
        <translation>master SNMP v%1</translation>
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
    <name>Commission</name>
    <message>
        <source>answered {replies} of {requests} requests</source>
        <translation>odpowiedziało na {replies} z {requests} zapytań</translation>
    </message>
    <message>
        <source>answered {replies} of {requests} requests; {timeouts} got no reply</source>
        <translation>odpowiedziało na {replies} z {requests} zapytań; bez odpowiedzi: {timeouts}</translation>
    </message>
    <message>
        <source>answered over SNMP</source>
        <translation>odpowiada przez SNMP</translation>
    </message>
    <message>
        <source>no reply at address {address} on {link}</source>
        <translation>brak odpowiedzi pod adresem {address} na łączu {link}</translation>
    </message>
    <message>
        <source>the link could not be used: {error}</source>
        <translation>nie można użyć łącza: {error}</translation>
    </message>
    <message>
        <source>stopped answering during the run: {error}</source>
        <translation>przestało odpowiadać w trakcie sprawdzania: {error}</translation>
    </message>
    <message>
        <source>answered the scan with an error: {error}</source>
        <translation>odpowiedziało na skanowanie błędem: {error}</translation>
    </message>
    <message>
        <source>not checked: the run was cancelled</source>
        <translation>nie sprawdzono: sprawdzanie przerwano</translation>
    </message>
    <message>
        <source>no garbled reply</source>
        <translation>brak przekłamanych odpowiedzi</translation>
    </message>
    <message>
        <source>{count} garbled replies (CRC or framing errors): two units on one address, a baud-rate mismatch or a bus without termination</source>
        <translation>przekłamane odpowiedzi (błędy CRC lub ramki): {count}; przyczyną mogą być dwa urządzenia pod jednym adresem, niezgodna prędkość transmisji lub brak terminacji magistrali</translation>
    </message>
    <message>
        <source>replies to address {address} arrive garbled every time: two or more units seem to share it; give one of them another address and check again</source>
        <translation>odpowiedzi spod adresu {address} są zawsze przekłamane: prawdopodobnie dwa lub więcej urządzeń ma ten sam adres; nadaj jednemu z nich inny adres i sprawdź ponownie</translation>
    </message>
    <message>
        <source>{found}, as planned</source>
        <translation>{found}, zgodnie z planem</translation>
    </message>
    <message>
        <source>{found}, planned {planned}</source>
        <translation>{found}, zaplanowano {planned}</translation>
    </message>
    <message>
        <source>{found} (not in the plan)</source>
        <translation>{found} (poza planem)</translation>
    </message>
    <message>
        <source>{value}, within {low} .. {high}</source>
        <translation>{value}, w zakresie {low} .. {high}</translation>
    </message>
    <message>
        <source>{value} is outside {low} .. {high}</source>
        <translation>{value} poza zakresem {low} .. {high}</translation>
    </message>
    <message>
        <source>no value: the register could not be read</source>
        <translation>brak wartości: nie można odczytać rejestru</translation>
    </message>
    <message>
        <source>{value}, within the rated {rating}</source>
        <translation>{value}, w granicach prądu znamionowego {rating}</translation>
    </message>
    <message>
        <source>{value}, within {rating} (the plan gives no rating: checked against the higher one)</source>
        <translation>{value}, w granicach {rating} (plan nie podaje prądu znamionowego: sprawdzono względem wyższego)</translation>
    </message>
    <message>
        <source>{value} is above 80 % of the rated {rating}</source>
        <translation>{value} przekracza 80 % prądu znamionowego {rating}</translation>
    </message>
    <message>
        <source>{value} is above the rated {rating}</source>
        <translation>{value} przekracza prąd znamionowy {rating}</translation>
    </message>
    <message>
        <source>{value} agrees with V × I × PF = {expected}</source>
        <translation>{value} zgadza się z U × I × PF = {expected}</translation>
    </message>
    <message>
        <source>{value} differs from V × I × PF = {expected} by more than {tolerance}</source>
        <translation>{value} różni się od U × I × PF = {expected} o więcej niż {tolerance}</translation>
    </message>
    <message>
        <source>readable: {active}, {apparent}</source>
        <translation>odczytane poprawnie: {active}, {apparent}</translation>
    </message>
    <message>
        <source>{counters}: a register reads above 255 (a device or line fault)</source>
        <translation>{counters}: rejestr ma wartość powyżej 255 (usterka urządzenia lub linii)</translation>
    </message>
    <message>
        <source>connected: {value}</source>
        <translation>podłączony: {value}</translation>
    </message>
    <message>
        <source>not connected, but planned</source>
        <translation>niepodłączony, choć zaplanowany</translation>
    </message>
    <message>
        <source>{value} is not plausible (expected {low} .. {high})</source>
        <translation>{value} to wartość niewiarygodna (oczekiwano {low} .. {high})</translation>
    </message>
    <message>
        <source>the door is open</source>
        <translation>drzwi są otwarte</translation>
    </message>
    <message>
        <source>smoke detected</source>
        <translation>wykryto dym</translation>
    </message>
    <message>
        <source>water detected</source>
        <translation>wykryto wodę</translation>
    </message>
    <message>
        <source>connected: {value}, but not in the plan</source>
        <translation>podłączony: {value}, ale poza planem</translation>
    </message>
    <message>
        <source>connected: {probes} (not in the plan)</source>
        <translation>podłączone: {probes} (poza planem)</translation>
    </message>
    <message>
        <source>none connected (not in the plan)</source>
        <translation>żaden nie jest podłączony (poza planem)</translation>
    </message>
    <message>
        <source>all normal</source>
        <translation>wszystkie w normie</translation>
    </message>
    <message>
        <source>not normal: {alarms}</source>
        <translation>stan inny niż normalny: {alarms}</translation>
    </message>
    <message>
        <source>as in the profile {profile}</source>
        <translation>zgodne z profilem {profile}</translation>
    </message>
    <message>
        <source>{count} differ from the profile {profile}: {settings}</source>
        <translation>niezgodne z profilem {profile} ({count}): {settings}</translation>
    </message>
    <message>
        <source>applied from {profile}, read back: {changes}</source>
        <translation>zapisano z profilu {profile}, potwierdzone odczytem: {changes}</translation>
    </message>
    <message>
        <source>not all applied from {profile}: {problems}</source>
        <translation>nie wszystko zapisano z profilu {profile}: {problems}</translation>
    </message>
    <message>
        <source>the profile {profile} was refused for this unit, nothing written: {problems}</source>
        <translation>profil {profile} odrzucony dla tego urządzenia, nic nie zapisano: {problems}</translation>
    </message>
    <message>
        <source>not readable over SNMP: check them over Modbus</source>
        <translation>nieczytelne przez SNMP: sprawdź je przez Modbus</translation>
    </message>
    <message>
        <source>not applied: the present reading already breaks {count} planned limit(s), the unit would alarm at once: {limits}</source>
        <translation>nie zastosowano: bieżący odczyt już przekracza zaplanowane progi ({count}), urządzenie od razu zgłosiłoby alarm: {limits}</translation>
    </message>
    <message>
        <source>{version}, as planned</source>
        <translation>{version}, zgodnie z planem</translation>
    </message>
    <message>
        <source>{version} is installed, planned {planned}</source>
        <translation>zainstalowana wersja {version}, zaplanowano {planned}</translation>
    </message>
    <message>
        <source>{version} (not in the plan)</source>
        <translation>{version} (poza planem)</translation>
    </message>
    <message>
        <source>cannot be read over Telnet: {error}</source>
        <translation>nie można odczytać przez Telnet: {error}</translation>
    </message>
    <message>
        <source>cannot be checked: the plan gives no host for the unit&apos;s Telnet CLI</source>
        <translation>nie można sprawdzić: plan nie podaje adresu konsoli Telnet urządzenia</translation>
    </message>
    <message>
        <source>no finding</source>
        <translation>bez uwag</translation>
    </message>
    <message>
        <source>Telnet is off (the connection is refused)</source>
        <translation>Telnet jest wyłączony (połączenie odrzucone)</translation>
    </message>
    <message>
        <source>Telnet could not be checked: {error}</source>
        <translation>nie można sprawdzić Telnetu: {error}</translation>
    </message>
    <message>
        <source>{finding}. {advice}</source>
        <translation>{finding}. {advice}</translation>
    </message>
    <message>
        <source>three-phase</source>
        <extracomment>Words the reasons use.</extracomment>
        <translation>trójfazowe</translation>
    </message>
    <message>
        <source>single-phase</source>
        <translation>jednofazowe</translation>
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
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
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
        <source>Reachable</source>
        <extracomment>Check labels.</extracomment>
        <translation>Komunikacja</translation>
    </message>
    <message>
        <source>Garbled replies (CRC)</source>
        <translation>Przekłamane odpowiedzi (CRC)</translation>
    </message>
    <message>
        <source>Address conflict</source>
        <translation>Konflikt adresów</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Fazy</translation>
    </message>
    <message>
        <source>Energy counters</source>
        <translation>Liczniki energii</translation>
    </message>
    <message>
        <source>Energy counters, total</source>
        <translation>Liczniki energii, suma</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Czujniki</translation>
    </message>
    <message>
        <source>Alarm states</source>
        <translation>Stany alarmowe</translation>
    </message>
    <message>
        <source>Alarm thresholds</source>
        <translation>Progi alarmowe</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Oprogramowanie</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Bezpieczeństwo</translation>
    </message>
    <message>
        <source>The unit accepts the factory Telnet login admin/admin</source>
        <extracomment>Short texts of the security findings (services/security.py&apos;s codes), for the report.</extracomment>
        <translation>Urządzenie przyjmuje fabryczne logowanie Telnet admin/admin</translation>
    </message>
    <message>
        <source>Change the password before leaving the site.</source>
        <translation>Zmień hasło przed opuszczeniem obiektu.</translation>
    </message>
    <message>
        <source>Telnet is enabled: account and password cross the network in cleartext</source>
        <translation>Telnet jest włączony: konto i hasło są przesyłane przez sieć jawnym tekstem</translation>
    </message>
    <message>
        <source>Disable Telnet in the web UI (Network &gt; Telnet) once commissioning is done.</source>
        <translation>Po zakończeniu uruchomienia wyłącz Telnet w interfejsie WWW (Network &gt; Telnet).</translation>
    </message>
    <message>
        <source>The unit answers SNMP to the factory community</source>
        <translation>Urządzenie odpowiada przez SNMP na fabryczną nazwę społeczności (community)</translation>
    </message>
    <message>
        <source>Set your own communities in the web UI (Network &gt; SNMP), or better, switch to SNMPv3.</source>
        <translation>Ustaw własne nazwy społeczności w interfejsie WWW (Network &gt; SNMP), a najlepiej przejdź na SNMPv3.</translation>
    </message>
    <message>
        <source>SNMP v1/v2c sends the community and every value in cleartext</source>
        <translation>SNMP v1/v2c przesyła nazwę społeczności i wszystkie wartości jawnym tekstem</translation>
    </message>
    <message>
        <source>Switch the unit to SNMPv3 with authentication and privacy.</source>
        <translation>Przełącz urządzenie na SNMPv3 z uwierzytelnianiem i szyfrowaniem.</translation>
    </message>
    <message>
        <source>SNMPv3 is used without authentication</source>
        <translation>SNMPv3 działa bez uwierzytelniania</translation>
    </message>
    <message>
        <source>Give the SNMPv3 account a password and a private key (authPriv).</source>
        <translation>Nadaj kontu SNMPv3 hasło i klucz prywatny (authPriv).</translation>
    </message>
    <message>
        <source>SNMPv3 is used without privacy: values cross the network in cleartext</source>
        <translation>SNMPv3 działa bez szyfrowania: wartości są przesyłane przez sieć jawnym tekstem</translation>
    </message>
    <message>
        <source>Give the SNMPv3 account a private key and use privacy (authPriv).</source>
        <translation>Nadaj kontu SNMPv3 klucz prywatny i włącz szyfrowanie (authPriv).</translation>
    </message>
    <message>
        <source>SNMPv3 uses MD5 or DES, which are considered weak</source>
        <translation>SNMPv3 używa MD5 lub DES, uznawanych za słabe</translation>
    </message>
    <message>
        <source>Prefer SHA-256 (or at least SHA) and AES.</source>
        <translation>Wybierz SHA-256 (lub co najmniej SHA) i AES.</translation>
    </message>
</context>
<context>
    <name>CommissionPanel</name>
    <message>
        <source>Link</source>
        <extracomment>Table columns.</extracomment>
        <translation>Łącze</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Fazy</translation>
    </message>
    <message>
        <source>Rating (A)</source>
        <translation>Prąd znamionowy (A)</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Czujniki</translation>
    </message>
    <message>
        <source>Threshold profile</source>
        <translation>Profil progów</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Oprogramowanie</translation>
    </message>
    <message>
        <source>Telnet host</source>
        <translation>Adres Telnet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Unit %1 cannot be on %2: addresses there are %3</source>
        <translation>Urządzenie %1 nie może być na łączu %2: adresy na nim to %3</translation>
    </message>
    <message>
        <source>%2 already has a unit %1</source>
        <translation>Łącze %2 ma już urządzenie %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>niezgodne</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>unexpected</source>
        <translation>nieplanowane</translation>
    </message>
    <message>
        <source>address conflict</source>
        <translation>konflikt adresów</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>pozytywny</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>uwaga</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>negatywny</translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation>Podgląd protokołu</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Eksportuj jako PDF…</translation>
    </message>
    <message>
        <source>The plan was refused: %1</source>
        <translation>Plan odrzucony: %1</translation>
    </message>
    <message>
        <source>Plan opened: %1</source>
        <translation>Otwarto plan: %1</translation>
    </message>
    <message>
        <source>Open a commissioning plan</source>
        <translation>Otwórz plan uruchomienia</translation>
    </message>
    <message>
        <source>Plans (*.json)</source>
        <translation>Plany (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Nie można zapisać %1: %2</translation>
    </message>
    <message>
        <source>Plan saved: %1</source>
        <translation>Zapisano plan: %1</translation>
    </message>
    <message>
        <source>Save the commissioning plan</source>
        <translation>Zapisz plan uruchomienia</translation>
    </message>
    <message>
        <source>Nothing to plan yet: connect to a chain and let its units answer first.</source>
        <translation>Na razie nie ma czego planować: połącz się z łańcuchem i poczekaj, aż urządzenia odpowiedzą.</translation>
    </message>
    <message numerus="yes">
        <source>A new plan of %n unit(s) from the chain: name them, complete what you expect, save it.</source>
        <translation>
            <numerusform>Nowy plan z łańcucha: %n urządzenie. Nadaj nazwę, uzupełnij oczekiwania i zapisz plan.</numerusform>
            <numerusform>Nowy plan z łańcucha: %n urządzenia. Nadaj nazwy, uzupełnij oczekiwania i zapisz plan.</numerusform>
            <numerusform>Nowy plan z łańcucha: %n urządzeń. Nadaj nazwy, uzupełnij oczekiwania i zapisz plan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) added to the plan; run the checks again.</source>
        <translation>
            <numerusform>Dodano do planu %n urządzenie; uruchom sprawdzanie ponownie.</numerusform>
            <numerusform>Dodano do planu %n urządzenia; uruchom sprawdzanie ponownie.</numerusform>
            <numerusform>Dodano do planu %n urządzeń; uruchom sprawdzanie ponownie.</numerusform>
        </translation>
    </message>
    <message>
        <source>planned</source>
        <translation>zaplanowane</translation>
    </message>
    <message>
        <source>Phases: 1 or 3 (or empty: not checked), not %1</source>
        <translation>Fazy: 1 lub 3 (albo puste: bez sprawdzania), a nie %1</translation>
    </message>
    <message>
        <source>Rating: 16 or 32 A (or empty), not %1</source>
        <translation>Prąd znamionowy: 16 lub 32 A (albo puste), a nie %1</translation>
    </message>
    <message>
        <source>Unknown probe %1; probes are %2</source>
        <translation>Nieznany czujnik %1; czujniki to %2</translation>
    </message>
    <message>
        <source>Telnet host: HOST or HOST:PORT, not %1</source>
        <translation>Adres Telnet: HOST lub HOST:PORT, a nie %1</translation>
    </message>
    <message>
        <source>Select a unit to see its checks.</source>
        <translation>Wybierz urządzenie, aby zobaczyć jego kontrole.</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Urządzenie %1</translation>
    </message>
    <message>
        <source>Addresses to scan: %1</source>
        <translation>Adresy do skanowania: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sprawdzanie…</translation>
    </message>
    <message>
        <source>Cancelling after the step in progress…</source>
        <translation>Przerywanie po bieżącym kroku…</translation>
    </message>
    <message>
        <source>scanning address %1</source>
        <translation>skanowanie adresu %1</translation>
    </message>
    <message>
        <source>reading the chain</source>
        <translation>odczyt łańcucha</translation>
    </message>
    <message>
        <source>units found: %1</source>
        <translation>znalezione urządzenia: %1</translation>
    </message>
    <message>
        <source>unit %1: checking</source>
        <translation>urządzenie %1: sprawdzanie</translation>
    </message>
    <message>
        <source>unit %1: missing</source>
        <translation>urządzenie %1: brak</translation>
    </message>
    <message>
        <source>unit %1: address conflict</source>
        <translation>urządzenie %1: konflikt adresów</translation>
    </message>
    <message>
        <source>unit %1: answered with an error</source>
        <translation>urządzenie %1: odpowiedź z błędem</translation>
    </message>
    <message>
        <source>the link could not be used</source>
        <translation>nie można użyć łącza</translation>
    </message>
    <message>
        <source>Link %1 of %2: %3</source>
        <translation>Łącze %1 z %2: %3</translation>
    </message>
    <message>
        <source>Every planned unit passes.</source>
        <translation>Wszystkie zaplanowane urządzenia spełniają wymagania.</translation>
    </message>
    <message>
        <source>Not passed.</source>
        <translation>Wynik negatywny.</translation>
    </message>
    <message>
        <source>Cancelled: not every unit was checked.</source>
        <translation>Przerwano: nie wszystkie urządzenia zostały sprawdzone.</translation>
    </message>
    <message>
        <source>Password needed</source>
        <translation>Potrzebne hasło</translation>
    </message>
    <message>
        <source>%1 for %2@%3 (not saved):</source>
        <translation>%1 dla %2@%3 (nie jest zapisywane):</translation>
    </message>
    <message>
        <source>Report written: %1 (%2 pages)</source>
        <translation>Zapisano protokół: %1 (stron: %2)</translation>
    </message>
    <message>
        <source>Units written: %1</source>
        <translation>Zapisano urządzenia: %1</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Eksportuj protokół</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumenty PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the units</source>
        <translation>Eksportuj urządzenia</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>No plan: open one, or make one from the chain.</source>
        <translation>Brak planu: otwórz plan albo utwórz go z łańcucha.</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>Plan: %1</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>jeszcze niezapisany</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrola</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Uzasadnienie</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Obiekt:</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Klient:</translation>
    </message>
    <message>
        <source>&amp;Engineer:</source>
        <translation>&amp;Serwisant:</translation>
    </message>
    <message>
        <source>e.g. DC Warsaw 2 / room B / rack A12</source>
        <translation>np. DC Warszawa 2 / sala B / szafa A12</translation>
    </message>
    <message>
        <source>New plan from the chain</source>
        <translation>Nowy plan z łańcucha</translation>
    </message>
    <message>
        <source>Plan every unit the chain tree shows, with its phases and probes</source>
        <translation>Zaplanuj każde urządzenie z drzewa łańcucha, z jego fazami i czujnikami</translation>
    </message>
    <message>
        <source>Open plan…</source>
        <translation>Otwórz plan…</translation>
    </message>
    <message>
        <source>Save plan…</source>
        <translation>Zapisz plan…</translation>
    </message>
    <message>
        <source>Add unexpected units</source>
        <translation>Dodaj nieplanowane urządzenia</translation>
    </message>
    <message>
        <source>Put the units the last run found but the plan did not list into the plan</source>
        <translation>Dopisz do planu urządzenia znalezione w ostatnim sprawdzaniu, których plan nie zawierał</translation>
    </message>
    <message>
        <source>Run the checks</source>
        <translation>Uruchom sprawdzanie</translation>
    </message>
    <message>
        <source>Scan each link of the plan and check every unit against the plan</source>
        <translation>Przeskanuj każde łącze planu i sprawdź każde urządzenie względem planu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Przerwij</translation>
    </message>
    <message>
        <source>Apply the planned thresholds</source>
        <translation>Zapisz zaplanowane progi</translation>
    </message>
    <message>
        <source>Write each unit&apos;s planned threshold profile before checking it (every write is read back and recorded in the audit log)</source>
        <translation>Przed sprawdzeniem zapisz w każdym urządzeniu zaplanowany profil progów (każdy zapis jest odczytywany ponownie i odnotowany w dzienniku zmian)</translation>
    </message>
    <message>
        <source>Scan &amp;also:</source>
        <translation>Skanuj &amp;też:</translation>
    </message>
    <message>
        <source>Addresses scanned on serial and Modbus TCP links besides the planned ones, to find unexpected units, e.g. 1-32 or 1,2,5-8 (empty: the planned only)</source>
        <translation>Adresy skanowane na łączach szeregowych i Modbus TCP poza zaplanowanymi, aby znaleźć nieplanowane urządzenia, np. 1-32 lub 1,2,5-8 (puste: tylko zaplanowane)</translation>
    </message>
    <message>
        <source>Preview the report…</source>
        <translation>Podgląd protokołu…</translation>
    </message>
    <message>
        <source>Export the report (PDF)…</source>
        <translation>Eksportuj protokół (PDF)…</translation>
    </message>
    <message>
        <source>Export the units (CSV)…</source>
        <translation>Eksportuj urządzenia (CSV)…</translation>
    </message>
    <message>
        <source>Engineer’s notes for this unit (they go into the report):</source>
        <translation>Uwagi serwisanta do tego urządzenia (trafiają do protokołu):</translation>
    </message>
    <message>
        <source>Telnet password</source>
        <translation>Hasło Telnet</translation>
    </message>
    <message>
        <source>SNMPv3 authentication key</source>
        <translation>Klucz uwierzytelniania SNMPv3</translation>
    </message>
    <message>
        <source>SNMPv3 privacy key</source>
        <translation>Klucz szyfrowania SNMPv3</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>No serial port found: plug in the USB-RS485 adapter and press Refresh, or type the port&apos;s name.</source>
        <extracomment>The shortest SNMPv3 key RFC 3414 allows.</extracomment>
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
        <source>Type the Telnet account (the factory one is admin), or untick Telnet.</source>
        <translation>Wpisz konto Telnet (fabryczne to admin) albo odznacz Telnet.</translation>
    </message>
    <message>
        <source>Unit ids are numbers from 1 to 247 and ranges, such as 1 or 1-6.</source>
        <translation>Identyfikatory urządzeń to liczby od 1 do 247 i zakresy, np. 1 albo 1-6.</translation>
    </message>
    <message>
        <source>SNMPv3 needs the user name set on the unit.</source>
        <translation>SNMPv3 wymaga nazwy użytkownika ustawionej w urządzeniu.</translation>
    </message>
    <message>
        <source>SNMPv3 privacy needs authentication: pick an authentication protocol.</source>
        <translation>Szyfrowanie SNMPv3 wymaga uwierzytelniania: wybierz protokół uwierzytelniania.</translation>
    </message>
    <message>
        <source>An SNMPv3 key has at least %1 characters.</source>
        <translation>Klucz SNMPv3 ma co najmniej %1 znaków.</translation>
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
        <source>SN&amp;MP master</source>
        <translation>Master SN&amp;MP</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Wersja:</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>Nazwa &amp;community:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Użytkownik:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>Uwie&amp;rzytelnianie:</translation>
    </message>
    <message>
        <source>Authentication &amp;key:</source>
        <translation>&amp;Klucz uwierzytelniania:</translation>
    </message>
    <message>
        <source>Pr&amp;ivacy:</source>
        <translation>Szyfrowan&amp;ie:</translation>
    </message>
    <message>
        <source>Privacy k&amp;ey:</source>
        <translation>Klucz szyfrowani&amp;a:</translation>
    </message>
    <message>
        <source>Conte&amp;xt:</source>
        <translation>Konte&amp;kst:</translation>
    </message>
    <message>
        <source>The unit&apos;s read community; empty: the one saved before, else the factory &quot;public&quot;</source>
        <translation>Community odczytu urządzenia; puste: zapisane wcześniej, a gdy go brak, fabryczne „public”</translation>
    </message>
    <message>
        <source>empty: the one saved before</source>
        <translation>puste: użyj zapisanego wcześniej</translation>
    </message>
    <message>
        <source>Remem&amp;ber the community or keys in the system keyring</source>
        <translation>Zapa&amp;miętaj community lub klucze w systemowym magazynie haseł</translation>
    </message>
    <message>
        <source>The master and the slaves chained behind it (up to 5) are read over SNMP; slaves appear as they answer. SNMP has no alarm limits: the Telnet account below shows them for the master.</source>
        <translation>Master i połączone za nim urządzenia slave (do 5) są odczytywane przez SNMP; slave&apos;y pojawiają się, gdy odpowiedzą. SNMP nie podaje progów alarmowych: konto Telnet poniżej pokaże je dla mastera.</translation>
    </message>
    <message>
        <source>Telnet account of the master (firmware version, energy meters, warning thresholds)</source>
        <translation>Konto Telnet mastera (wersja oprogramowania, liczniki energii, progi ostrzegawcze)</translation>
    </message>
    <message>
        <source>Telnet p&amp;ort:</source>
        <translation>P&amp;ort Telnet:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Hasło:</translation>
    </message>
    <message>
        <source>Remember the password in the system keyrin&amp;g</source>
        <translation>Zapamię&amp;taj hasło w systemowym magazynie haseł</translation>
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
        <source>Could not write %1: %2</source>
        <translation>Nie można zapisać %1: %2</translation>
    </message>
    <message>
        <source>Recording stopped, could not write %1: %2</source>
        <translation>Nagrywanie przerwane, nie można zapisać %1: %2</translation>
    </message>
    <message>
        <source>Record the frame log to a file</source>
        <translation>Nagrywaj dziennik ramek do pliku</translation>
    </message>
    <message>
        <source>Trace files (*.txt *.log);;All files (*)</source>
        <translation>Pliki śladu (*.txt *.log);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>Close the recording file</source>
        <translation>Zamknij plik nagrania</translation>
    </message>
    <message>
        <source>Append every frame of every link to a file, as bps-commissioner --trace does, until stopped</source>
        <translation>Dopisuj każdą ramkę każdego łącza do pliku, tak jak bps-commissioner --trace, aż do zatrzymania</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Nagrywanie do %1</translation>
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
        <source>Keep the log as it is; frames arriving meanwhile are not kept (a recording to a file goes on)</source>
        <translation>Zachowaj dziennik w obecnej postaci; ramki nadchodzące w tym czasie nie są zachowywane (nagrywanie do pliku trwa dalej)</translation>
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
        <source>&amp;Stop recording</source>
        <translation>Zatrzymaj &amp;nagrywanie</translation>
    </message>
    <message>
        <source>Record to &amp;file…</source>
        <translation>Nagrywaj do &amp;pliku…</translation>
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
        <source>No SNMP reply from the master</source>
        <translation>Brak odpowiedzi SNMP od mastera</translation>
    </message>
    <message>
        <source>Check the community (or the SNMPv3 user), that SNMP is on in the unit&apos;s web page (Network &gt; SNMP), and the network. The link retries by itself.</source>
        <translation>Sprawdź community (albo użytkownika SNMPv3), czy SNMP jest włączone na stronie WWW urządzenia (Network &gt; SNMP) oraz sieć. Łącze ponawia próby samo.</translation>
    </message>
    <message>
        <source>The master refused the SNMPv3 login</source>
        <translation>Master odrzucił logowanie SNMPv3</translation>
    </message>
    <message>
        <source>Check the user, the protocols and the keys: connect again with File &gt; Connect….</source>
        <translation>Sprawdź użytkownika, protokoły i klucze: połącz się ponownie (Plik &gt; Połącz…).</translation>
    </message>
    <message>
        <source>The SNMP secrets are missing</source>
        <translation>Brak danych dostępowych SNMP</translation>
    </message>
    <message>
        <source>Type them in the Connect dialog (File &gt; Connect…); tick &quot;remember&quot; to keep them in the system keyring.</source>
        <translation>Wpisz je w oknie Połącz (Plik &gt; Połącz…); zaznacz „zapamiętaj”, aby zachować je w systemowym magazynie haseł.</translation>
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
    <name>FirmwarePanel</name>
    <message>
        <source>Firmware update</source>
        <translation>Aktualizacja oprogramowania</translation>
    </message>
    <message>
        <source>1. Firmware and units</source>
        <translation>1. Oprogramowanie i urządzenia</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Plik:</translation>
    </message>
    <message>
        <source>the firmware file from BKT, e.g. BPS2000v2-2.0.6-C.bin</source>
        <translation>plik oprogramowania od BKT, np. BPS2000v2-2.0.6-C.bin</translation>
    </message>
    <message>
        <source>Flash it an&amp;yway: I know this file is the right firmware</source>
        <translation>Aktualizuj mimo &amp;to: wiem, że ten plik to właściwe oprogramowanie</translation>
    </message>
    <message>
        <source>&amp;Units to flash (networked masters; firmware goes over Ethernet, one unit after another):</source>
        <translation>&amp;Urządzenia do aktualizacji (mastery sieciowe; oprogramowanie idzie przez Ethernet, po jednym urządzeniu):</translation>
    </message>
    <message>
        <source>another master: host name or IP address</source>
        <translation>inny master: nazwa hosta lub adres IP</translation>
    </message>
    <message>
        <source>2. Access</source>
        <translation>2. Dostęp</translation>
    </message>
    <message>
        <source>Telnet pass&amp;word:</source>
        <translation>&amp;Hasło Telnet:</translation>
    </message>
    <message>
        <source>empty: from BPS_TELNET_PASSWORD or the system keyring</source>
        <translation>puste: z BPS_TELNET_PASSWORD lub z systemowego magazynu haseł</translation>
    </message>
    <message>
        <source>Used to read the firmware version before and after the update. Never stored in the settings file or shown anywhere.</source>
        <translation>Służy do odczytu wersji oprogramowania przed aktualizacją i po niej. Nigdy nie jest zapisywane w pliku ustawień ani nigdzie pokazywane.</translation>
    </message>
    <message>
        <source>&amp;Verify:</source>
        <translation>&amp;Weryfikacja:</translation>
    </message>
    <message>
        <source>the new firmware version (Telnet)</source>
        <translation>nowa wersja oprogramowania (Telnet)</translation>
    </message>
    <message>
        <source>the unit answers Modbus TCP again</source>
        <translation>urządzenie znów odpowiada przez Modbus TCP</translation>
    </message>
    <message>
        <source>nothing (not recommended)</source>
        <translation>bez weryfikacji (niezalecane)</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>Porty:</translation>
    </message>
    <message>
        <source>TFT&amp;P</source>
        <translation>T&amp;FTP</translation>
    </message>
    <message>
        <source>Tel&amp;net</source>
        <translation>Tel&amp;net</translation>
    </message>
    <message>
        <source>3. Before you start</source>
        <translation>3. Zanim zaczniesz</translation>
    </message>
    <message>
        <source>The laptop is connected to the unit &amp;directly by cable (no Wi-Fi, no VPN)</source>
        <translation>Laptop jest podłączony do urządzenia bezpośrednio kab&amp;lem (bez Wi-Fi, bez VPN)</translation>
    </message>
    <message>
        <source>&amp;Open the unit&apos;s web UI</source>
        <translation>&amp;Otwórz interfejs WWW urządzenia</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Postęp</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Urządzenie</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Etap</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transmisja</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Anuluj</translation>
    </message>
    <message>
        <source>Choose the firmware file</source>
        <translation>Wybierz plik oprogramowania</translation>
    </message>
    <message>
        <source>Firmware (*.bin *.img *.fw);;All files (*)</source>
        <translation>Oprogramowanie (*.bin *.img *.fw);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>✗ This file cannot be used: %1</source>
        <translation>✗ Tego pliku nie można użyć: %1</translation>
    </message>
    <message>
        <source>%1 KiB, sent to the units as “%2”</source>
        <translation>%1 KiB, wysyłany do urządzeń jako „%2”</translation>
    </message>
    <message>
        <source>⚠ This file does not look like BPS2000v2 firmware: %1. Flash it only if you are sure it is the right file.</source>
        <translation>⚠ Ten plik nie wygląda na oprogramowanie BPS2000v2: %1. Wgraj go tylko wtedy, gdy masz pewność, że to właściwy plik.</translation>
    </message>
    <message>
        <source>Choose the firmware file.</source>
        <translation>Wybierz plik oprogramowania.</translation>
    </message>
    <message>
        <source>its name is not like %1</source>
        <translation>jego nazwa nie ma postaci %1</translation>
    </message>
    <message>
        <source>it is smaller than %1 KiB</source>
        <translation>jest mniejszy niż %1 KiB</translation>
    </message>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>jest większy niż %1 MiB</translation>
    </message>
    <message>
        <source>Type a host name or IP address, optionally with the Modbus TCP port (192.168.0.163 or 192.168.0.163:502).</source>
        <translation>Wpisz nazwę hosta lub adres IP, ewentualnie z portem Modbus TCP (192.168.0.163 lub 192.168.0.163:502).</translation>
    </message>
    <message>
        <source>A flash is running.</source>
        <translation>Trwa aktualizacja.</translation>
    </message>
    <message>
        <source>This file does not look like BPS2000v2 firmware: tick “Flash it anyway” if you are sure it is the right file.</source>
        <translation>Ten plik nie wygląda na oprogramowanie BPS2000v2: zaznacz „Aktualizuj mimo to”, jeśli masz pewność, że to właściwy plik.</translation>
    </message>
    <message>
        <source>Tick at least one unit to flash.</source>
        <translation>Zaznacz co najmniej jedno urządzenie do aktualizacji.</translation>
    </message>
    <message>
        <source>%1 is ticked twice: flash each unit once.</source>
        <translation>%1 zaznaczono dwa razy: aktualizuj każde urządzenie raz.</translation>
    </message>
    <message>
        <source>Go through the checklist “Before you start” and tick each point.</source>
        <translation>Przejdź listę „Zanim zaczniesz” i zaznacz każdy punkt.</translation>
    </message>
    <message>
        <source>Type the Telnet password of %1: the firmware version is read with it before and after the update (or verify over Modbus TCP).</source>
        <translation>Wpisz hasło Telnet użytkownika %1: służy do odczytu wersji oprogramowania przed aktualizacją i po niej (albo weryfikuj przez Modbus TCP).</translation>
    </message>
    <message numerus="yes">
        <source>Flash %1 to %n unit(s): %2.</source>
        <translation>
            <numerusform>Wgranie %1 do %n urządzenia: %2.</numerusform>
            <numerusform>Wgranie %1 do %n urządzeń: %2.</numerusform>
            <numerusform>Wgranie %1 do %n urządzeń: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The unit&apos;s configuration may be lost by the update, and its power and network must stay up until it has restarted: an interrupted upload can leave the unit unusable.</source>
        <translation>Aktualizacja może usunąć konfigurację urządzenia, a jego zasilanie i sieć muszą działać aż do ponownego uruchomienia: przerwane wgrywanie może uszkodzić urządzenie.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Wy&amp;bierz…</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Dodaj</translation>
    </message>
    <message>
        <source>Telnet us&amp;er:</source>
        <translation>Uży&amp;tkownik Telnet:</translation>
    </message>
    <message>
        <source>&amp;Remember it in the system keyring after a successful login</source>
        <translation>Zapa&amp;miętaj je w systemowym magazynie haseł po udanym logowaniu</translation>
    </message>
    <message>
        <source>The unit&apos;s power is &amp;stable and stays on until it has restarted</source>
        <translation>Zasilanie urządzenia jest &amp;stabilne i pozostanie włączone do jego ponownego uruchomienia</translation>
    </message>
    <message>
        <source>“Software update” is ena&amp;bled in the unit&apos;s web UI (System Tools)</source>
        <translation>W interfejsie WWW urządzenia (System Tools) włą&amp;czono „Software update”</translation>
    </message>
    <message>
        <source>Bac&amp;k up the alarm thresholds first (Modbus TCP)</source>
        <translation>Najpierw zrób &amp;kopię progów alarmowych (Modbus TCP)</translation>
    </message>
    <message>
        <source>Restore &amp;them if the update changed them</source>
        <translation>P&amp;rzywróć je, jeśli aktualizacja je zmieniła</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>Deta&amp;ils</source>
        <translation>Szczegół&amp;y</translation>
    </message>
    <message>
        <source>F&amp;lash…</source>
        <translation>&amp;Aktualizuj…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Zamknij</translation>
    </message>
    <message>
        <source>%1 · SNMP master, Telnet port %2 (chain tree)</source>
        <translation>%1 · master SNMP, port Telnet %2 (drzewo łańcucha)</translation>
    </message>
    <message>
        <source>%1 · Modbus TCP port %2, unit %3 (chain tree)</source>
        <translation>%1 · Modbus TCP port %2, urządzenie %3 (drzewo łańcucha)</translation>
    </message>
    <message>
        <source>%1 · Modbus TCP port %2 (typed in)</source>
        <translation>%1 · Modbus TCP port %2 (wpisany)</translation>
    </message>
    <message>
        <source>Checks everything, then asks for a last confirmation</source>
        <translation>Sprawdza wszystko, a potem prosi o ostatnie potwierdzenie</translation>
    </message>
    <message>
        <source>The file does not look like BPS2000v2 firmware; you chose to flash it anyway.</source>
        <translation>Plik nie wygląda na oprogramowanie BPS2000v2; wybrano aktualizację mimo to.</translation>
    </message>
    <message>
        <source>Confir&amp;m: flash now</source>
        <translation>Potwierdzam: aktualizu&amp;j teraz</translation>
    </message>
    <message>
        <source>The Telnet password is missing.</source>
        <translation>Brak hasła Telnet.</translation>
    </message>
    <message>
        <source>Flashing: keep the units powered and connected.</source>
        <translation>Trwa aktualizacja: nie wyłączaj zasilania urządzeń i nie odłączaj ich.</translation>
    </message>
    <message>
        <source>Started: %1 to %2</source>
        <translation>Rozpoczęto: %1 do %2</translation>
    </message>
    <message>
        <source>Cancelling: the flasher stops at the next safe point…</source>
        <translation>Anulowanie: aktualizacja zatrzyma się w najbliższym bezpiecznym miejscu…</translation>
    </message>
    <message>
        <source>A flash is running: cancel it or let it finish before closing.</source>
        <translation>Trwa aktualizacja: anuluj ją lub poczekaj na jej koniec przed zamknięciem.</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) flashed and verified.</source>
        <translation>
            <numerusform>%n urządzenie zaktualizowane i zweryfikowane.</numerusform>
            <numerusform>%n urządzenia zaktualizowane i zweryfikowane.</numerusform>
            <numerusform>%n urządzeń zaktualizowanych i zweryfikowanych.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) flashed (not verified).</source>
        <translation>
            <numerusform>%n urządzenie zaktualizowane (bez weryfikacji).</numerusform>
            <numerusform>%n urządzenia zaktualizowane (bez weryfikacji).</numerusform>
            <numerusform>%n urządzeń zaktualizowanych (bez weryfikacji).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) failed: see their rows.</source>
        <translation>
            <numerusform>%n urządzenie z błędem: zobacz jego wiersz.</numerusform>
            <numerusform>%n urządzenia z błędem: zobacz ich wiersze.</numerusform>
            <numerusform>%n urządzeń z błędem: zobacz ich wiersze.</numerusform>
        </translation>
    </message>
    <message>
        <source>The Telnet password is saved in the system keyring for %1.</source>
        <translation>Hasło Telnet zapisano w systemowym magazynie haseł dla %1.</translation>
    </message>
    <message>
        <source>The password could not be saved in the system keyring: %1</source>
        <translation>Nie udało się zapisać hasła w systemowym magazynie haseł: %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>gotowe</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>zostało %1 s</translation>
    </message>
    <message>
        <source>%1 of %2 KiB</source>
        <translation>%1 z %2 KiB</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>oczekuje</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Anulowano</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Błąd</translation>
    </message>
    <message>
        <source>Restarting: %1 s left</source>
        <translation>Restart: zostało %1 s</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Oczekuje</translation>
    </message>
    <message>
        <source>Pre-flight: version, backup</source>
        <translation>Kontrola wstępna: wersja, kopia</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Wgrywanie</translation>
    </message>
    <message>
        <source>Restarting</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Weryfikacja</translation>
    </message>
    <message>
        <source>Comparing the thresholds</source>
        <translation>Porównanie progów</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Kończenie</translation>
    </message>
    <message>
        <source>%1 KiB/s</source>
        <translation>%1 KiB/s</translation>
    </message>
    <message numerus="yes">
        <source>%n retransmission(s)</source>
        <translation>
            <numerusform>%n retransmisja</numerusform>
            <numerusform>%n retransmisje</numerusform>
            <numerusform>%n retransmisji</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ verified: version %1 → %2</source>
        <translation>✓ zweryfikowano: wersja %1 → %2</translation>
    </message>
    <message>
        <source>✓ verified: the unit answers Modbus TCP again</source>
        <translation>✓ zweryfikowano: urządzenie znów odpowiada przez Modbus TCP</translation>
    </message>
    <message>
        <source>✓ uploaded (not verified)</source>
        <translation>✓ wgrano (bez weryfikacji)</translation>
    </message>
    <message numerus="yes">
        <source>%n threshold(s) restored from the backup</source>
        <translation>
            <numerusform>%n próg przywrócony z kopii</numerusform>
            <numerusform>%n progi przywrócone z kopii</numerusform>
            <numerusform>%n progów przywróconych z kopii</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n threshold(s) differ from the backup</source>
        <translation>
            <numerusform>%n próg różni się od kopii</numerusform>
            <numerusform>%n progi różnią się od kopii</numerusform>
            <numerusform>%n progów różni się od kopii</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ pre-flight failed: nothing was sent</source>
        <translation>✗ kontrola wstępna nie powiodła się: nic nie wysłano</translation>
    </message>
    <message>
        <source>✗ not confirmed: nothing was sent</source>
        <translation>✗ niepotwierdzone: nic nie wysłano</translation>
    </message>
    <message>
        <source>✗ refused: enable “Software update” in the unit&apos;s web UI, then flash again</source>
        <translation>✗ odmowa: włącz „Software update” w interfejsie WWW urządzenia i zaktualizuj ponownie</translation>
    </message>
    <message>
        <source>✗ no answer to the upload: check the address and the TFTP port</source>
        <translation>✗ brak odpowiedzi na wgrywanie: sprawdź adres i port TFTP</translation>
    </message>
    <message>
        <source>✗ the upload failed and is incomplete: repeat it</source>
        <translation>✗ wgrywanie nie powiodło się i jest niepełne: powtórz je</translation>
    </message>
    <message>
        <source>✗ the unit did not restart as expected</source>
        <translation>✗ urządzenie nie uruchomiło się ponownie zgodnie z oczekiwaniem</translation>
    </message>
    <message>
        <source>✗ not verified</source>
        <translation>✗ niezweryfikowane</translation>
    </message>
    <message>
        <source>✗ the thresholds could not all be restored</source>
        <translation>✗ nie udało się przywrócić wszystkich progów</translation>
    </message>
    <message>
        <source>✗ cancelled after the upload: the unit restarts by itself; check it</source>
        <translation>✗ anulowano po wgraniu: urządzenie uruchomi się ponownie samo; sprawdź je</translation>
    </message>
    <message>
        <source>✗ cancelled during the upload: repeat the upload</source>
        <translation>✗ anulowano podczas wgrywania: powtórz wgrywanie</translation>
    </message>
    <message>
        <source>✗ cancelled: nothing was sent</source>
        <translation>✗ anulowano: nic nie wysłano</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ błąd</translation>
    </message>
    <message>
        <source>Threshold backup: %1</source>
        <translation>Kopia progów: %1</translation>
    </message>
    <message>
        <source>%1 refused the upload: “Software update” is disabled. Enable it in the unit&apos;s web UI (System Tools &gt; Software update), then flash again.</source>
        <translation>%1 odmówił wgrania: „Software update” jest wyłączone. Włącz je w interfejsie WWW urządzenia (System Tools &gt; Software update) i zaktualizuj ponownie.</translation>
    </message>
    <message>
        <source>Check %1 in its web UI.</source>
        <translation>Sprawdź %1 w jego interfejsie WWW.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Otwórz %1</translation>
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
    <name>LinkHandle</name>
    <message>
        <source>the link is closed: connect again</source>
        <translation>łącze jest zamknięte: połącz ponownie</translation>
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
        <source>The window now polls the master at its new address %1.</source>
        <translation>Okno odpytuje teraz mastera pod jego nowym adresem %1.</translation>
    </message>
    <message>
        <source>The simulator could not start: %1</source>
        <translation>Nie udało się uruchomić symulatora: %1</translation>
    </message>
    <message>
        <source>Simulator · SNMP master</source>
        <translation>Symulator · master SNMP</translation>
    </message>
    <message>
        <source>Simulator · Modbus TCP</source>
        <translation>Symulator · Modbus TCP</translation>
    </message>
    <message>
        <source>Simulator · RS485</source>
        <translation>Symulator · RS485</translation>
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
        <source>Kept for this session only: %1</source>
        <translation>Zachowane tylko na tę sesję: %1</translation>
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
        <source>Export plots as &amp;image (PNG, SVG)…</source>
        <translation>Eksportuj wykresy jako &amp;obraz (PNG, SVG)…</translation>
    </message>
    <message>
        <source>Save the plots as a picture of a chosen width</source>
        <translation>Zapisz wykresy jako obraz o wybranej szerokości</translation>
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
        <source>Qt %1, PySide6 %2, Python %3</source>
        <translation>Qt %1, PySide6 %2, Python %3</translation>
    </message>
    <message>
        <source>BPS Commissioner uses these third-party components, under their licences. Select one to read its licence.</source>
        <translation>BPS Commissioner korzysta z tych składników innych autorów na warunkach ich licencji. Wybierz składnik, aby przeczytać jego licencję.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Składnik</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Wersja</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencja</translation>
    </message>
    <message>
        <source>(the text of %1 is missing)</source>
        <translation>(brak tekstu %1)</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>&amp;Urządzenia</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Dziennik zmian</translation>
    </message>
    <message>
        <source>Edit the selected unit&apos;s alarm thresholds</source>
        <translation>Edytuj progi alarmowe wybranego urządzenia</translation>
    </message>
    <message>
        <source>Alarm t&amp;hresholds</source>
        <translation>Progi &amp;alarmowe</translation>
    </message>
    <message>
        <source>Apply a &amp;profile to the selected units…</source>
        <translation>Zastosuj &amp;profil do wybranych urządzeń…</translation>
    </message>
    <message>
        <source>Write a threshold profile (a JSON file) to the units selected in the chain tree</source>
        <translation>Zapisz profil progów (plik JSON) w urządzeniach wybranych w drzewie łańcucha</translation>
    </message>
    <message>
        <source>Show or hide the record of every threshold write</source>
        <translation>Pokaż lub ukryj zapis każdej zmiany progów</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>Dzie&amp;nnik zmian</translation>
    </message>
    <message>
        <source>&amp;Firmware update…</source>
        <translation>Aktualizacja &amp;oprogramowania…</translation>
    </message>
    <message>
        <source>Flash firmware to networked masters over TFTP, with a pre-flight checklist and a threshold backup</source>
        <translation>Wgraj oprogramowanie do masterów sieciowych przez TFTP, z listą kontrolną i kopią progów</translation>
    </message>
    <message>
        <source>Select one or more units in the chain tree first.</source>
        <translation>Najpierw wybierz jedno lub więcej urządzeń w drzewie łańcucha.</translation>
    </message>
    <message>
        <source>Threshold profiles are written over Modbus: select units of a serial or Modbus TCP link.</source>
        <translation>Profile progów są zapisywane przez Modbus: wybierz urządzenia łącza szeregowego lub Modbus TCP.</translation>
    </message>
    <message>
        <source>A profile goes to the units of one link at a time: the units of %1 are ticked.</source>
        <translation>Profil trafia do urządzeń jednego łącza naraz: zaznaczono urządzenia łącza %1.</translation>
    </message>
    <message>
        <source>Firmware update finished: %1 done, %2 failed</source>
        <translation>Aktualizacja oprogramowania zakończona: %1 gotowe, %2 z błędem</translation>
    </message>
    <message>
        <source>Open a commissioning plan first: the hand-over is written from it.</source>
        <translation>Najpierw otwórz plan uruchomienia: przekazanie powstaje na jego podstawie.</translation>
    </message>
    <message>
        <source>The plan was refused for the hand-over to monitoring: %1</source>
        <translation>Plan odrzucony przy przekazaniu do monitoringu: %1</translation>
    </message>
    <message>
        <source>Hand over to monitoring: choose a folder for the files</source>
        <translation>Przekazanie do monitoringu: wybierz folder na pliki</translation>
    </message>
    <message>
        <source>Monitoring configuration written: %1 files in %2. Fill in the placeholders (FILL-IN-…) before use: see README.md there.</source>
        <translation>Zapisano konfigurację monitoringu: %1 plików w %2. Przed użyciem uzupełnij pola do wypełnienia (FILL-IN-…): zobacz tamtejszy README.md.</translation>
    </message>
    <message>
        <source>Save a support bundle</source>
        <translation>Zapisz pakiet dla pomocy technicznej</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archiwa ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Support bundle saved to %1: send it with a description of the problem.</source>
        <translation>Pakiet dla pomocy technicznej zapisano w %1: wyślij go z opisem problemu.</translation>
    </message>
    <message>
        <source>Commissioning: every planned unit passes.</source>
        <translation>Uruchomienie: wszystkie zaplanowane urządzenia spełniają wymagania.</translation>
    </message>
    <message>
        <source>Commissioning: not passed; see the Commissioning panel.</source>
        <translation>Uruchomienie: wynik negatywny; szczegóły w panelu Uruchomienie.</translation>
    </message>
    <message>
        <source>Commissioning</source>
        <translation>Uruchomienie</translation>
    </message>
    <message>
        <source>C&amp;ommissioning</source>
        <translation>&amp;Uruchomienie</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>Uruchomienie</translation>
    </message>
    <message>
        <source>Show or hide the commissioning panel: a plan, the checks against it, the report (Ctrl+K)</source>
        <translation>Pokaż lub ukryj panel uruchomienia: plan, sprawdzanie względem planu, protokół (Ctrl+K)</translation>
    </message>
    <message>
        <source>Open a commissioning &amp;plan…</source>
        <translation>Otwórz plan &amp;uruchomienia…</translation>
    </message>
    <message>
        <source>Open a plan of what should be in the rack, to check the chain against it</source>
        <translation>Otwórz plan tego, co powinno być w szafie, aby sprawdzić względem niego łańcuch</translation>
    </message>
    <message>
        <source>&amp;Hand over to monitoring…</source>
        <translation>Przekaż do &amp;monitoringu…</translation>
    </message>
    <message>
        <source>Write Prometheus and Zabbix configuration for the open plan&apos;s SNMP masters, for the operations team</source>
        <translation>Zapisz konfigurację Prometheusa i Zabbixa dla masterów SNMP otwartego planu, dla zespołu utrzymania</translation>
    </message>
    <message>
        <source>Save a &amp;support bundle…</source>
        <translation>Zapisz pakiet dla pomocy &amp;technicznej…</translation>
    </message>
    <message>
        <source>Save the logs, the audit log, the versions and the settings in one zip for a support call (no password or key in it)</source>
        <translation>Zapisz logi, dziennik zmian, wersje i ustawienia w jednym pliku ZIP dla pomocy technicznej (bez haseł i kluczy)</translation>
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
        <source>Unfinished changes in the audit log: re-read %1</source>
        <translation>Niedokończone zmiany w dzienniku audytu: odczytaj ponownie %1</translation>
    </message>
    <message>
        <source>The program stopped between writing to these units and recording the result (audit log %1). Read their thresholds again (Thresholds tab) and check them before going on.</source>
        <translation>Program przerwał pracę między zapisem do tych urządzeń a zapisaniem wyniku (dziennik audytu %1). Odczytaj ponownie ich progi (karta Progi) i sprawdź je, zanim przejdziesz dalej.</translation>
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
        <source>Open the &amp;log folder</source>
        <translation>Otwórz folder &amp;dziennika</translation>
    </message>
    <message>
        <source>Show the folder of the program&apos;s log files (send them with a problem report)</source>
        <translation>Pokaż folder z plikami dziennika programu (dołącz je do zgłoszenia problemu)</translation>
    </message>
    <message>
        <source>Set up &amp;new masters…</source>
        <translation>Skonfiguruj &amp;nowe mastery…</translation>
    </message>
    <message>
        <source>Give new networked masters their address, SNMP, clock and password over Telnet, from a plan or typed in; restart and verify each</source>
        <translation>Nadaj nowym masterom sieciowym adres, SNMP, zegar i hasło przez Telnet, z planu lub wpisane ręcznie; zrestartuj i sprawdź każdy</translation>
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
        <source>SVG images (*.svg)</source>
        <translation>Obrazy SVG (*.svg)</translation>
    </message>
    <message>
        <source>Width in pixels (the height keeps the plots&apos; proportions):</source>
        <translation>Szerokość w pikselach (wysokość zachowuje proporcje wykresów):</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>Nie udało się otworzyć %1</translation>
    </message>
    <message>
        <source>Bus efficiency: the wire time of the requests and replies (with their 3.5-character silences) over the time the transactions took on the serial links in the last 10 s; the units&apos; turnaround, the adapter&apos;s latency and timeouts lower it. Answered: the share of requests that got a valid reply.</source>
        <translation>Sprawność magistrali: czas zapytań i odpowiedzi na linii (z ich przerwami 3,5 znaku) w stosunku do czasu trwania transakcji na łączach szeregowych w ostatnich 10 s; obniżają ją czas reakcji urządzeń, opóźnienie konwertera i przekroczenia czasu. Odpowiedzi: odsetek zapytań z poprawną odpowiedzią.</translation>
    </message>
    <message>
        <source>Unit polls with a valid reply per second, over the last 5 s</source>
        <translation>Odczyty urządzeń z poprawną odpowiedzią na sekundę, z ostatnich 5 s</translation>
    </message>
    <message>
        <source>BPS Commissioner: an unexpected error</source>
        <translation>BPS Commissioner: nieoczekiwany błąd</translation>
    </message>
    <message>
        <source>An unexpected error occurred. The program goes on, but save your work and check the units you were changing.

The details are in the log file:
%1

Send it with a description of what you did (Help &gt; Open the log folder).</source>
        <translation>Wystąpił nieoczekiwany błąd. Program działa dalej, ale zapisz swoją pracę i sprawdź jednostki, które zmieniałeś.

Szczegóły są w pliku dziennika:
%1

Wyślij go z opisem tego, co robiłeś (Pomoc &gt; Otwórz folder dziennika).</translation>
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
        <source>Export ima&amp;ge…</source>
        <translation>Eksport o&amp;brazu…</translation>
    </message>
    <message>
        <source>Save the plots as a PNG or SVG image of a chosen width (Ctrl+Shift+E)</source>
        <translation>Zapisz wykresy jako obraz PNG lub SVG o wybranej szerokości (Ctrl+Shift+E)</translation>
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
        <source>unit {unit}: {limits}</source>
        <translation>urządzenie {unit}: {limits}</translation>
    </message>
    <message>
        <source>Press Apply again to write anyway.</source>
        <translation>Naciśnij Zastosuj ponownie, aby mimo to zapisać.</translation>
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
    <name>ProvisionWizard</name>
    <message>
        <source>Clock</source>
        <translation>Zegar</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>IPv4 address</source>
        <translation>Adres IPv4</translation>
    </message>
    <message>
        <source>Subnet mask</source>
        <translation>Maska podsieci</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Brama</translation>
    </message>
    <message>
        <source>DNS server</source>
        <translation>Serwer DNS</translation>
    </message>
    <message>
        <source>SNMP agent</source>
        <translation>Agent SNMP</translation>
    </message>
    <message>
        <source>SNMP write community</source>
        <translation>Community SNMP do zapisu</translation>
    </message>
    <message>
        <source>SNMP read community</source>
        <translation>Community SNMP do odczytu</translation>
    </message>
    <message>
        <source>SNMP trap receiver 1</source>
        <translation>Odbiorca pułapek SNMP 1</translation>
    </message>
    <message>
        <source>HTTP port</source>
        <translation>Port HTTP</translation>
    </message>
    <message>
        <source>SMTP account</source>
        <translation>Konto SMTP</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>Hasło SMTP</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>Serwer SMTP</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>Port SMTP</translation>
    </message>
    <message>
        <source>SMTP cyclical notifications</source>
        <translation>Cykliczne powiadomienia SMTP</translation>
    </message>
    <message>
        <source>SMTP time between notifications</source>
        <translation>Czas między powiadomieniami SMTP</translation>
    </message>
    <message>
        <source>SMTP recipient</source>
        <translation>Odbiorca SMTP</translation>
    </message>
    <message>
        <source>Where the master answers now</source>
        <translation>Gdzie master odpowiada teraz</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adres:</translation>
    </message>
    <message>
        <source>&amp;Telnet port:</source>
        <translation>Port &amp;Telnet:</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Login pass&amp;word:</source>
        <translation>&amp;Hasło logowania:</translation>
    </message>
    <message>
        <source>A new unit&apos;s password is admin.</source>
        <translation>Hasło nowego urządzenia to admin.</translation>
    </message>
    <message>
        <source>What it should become (empty: left as it is)</source>
        <translation>Jaki ma się stać (puste: bez zmian)</translation>
    </message>
    <message>
        <source>&amp;New address:</source>
        <translation>&amp;Nowy adres:</translation>
    </message>
    <message>
        <source>Subnet &amp;mask:</source>
        <translation>&amp;Maska podsieci:</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>&amp;Brama:</translation>
    </message>
    <message>
        <source>&amp;DNS server:</source>
        <translation>Serwer &amp;DNS:</translation>
    </message>
    <message>
        <source>&amp;HTTP port:</source>
        <translation>Port H&amp;TTP:</translation>
    </message>
    <message>
        <source>SNMP a&amp;gent:</source>
        <translation>A&amp;gent SNMP:</translation>
    </message>
    <message>
        <source>&amp;Read community:</source>
        <translation>Community do &amp;odczytu:</translation>
    </message>
    <message>
        <source>Trap receiver &amp;1:</source>
        <translation>Odbiorca pułapek &amp;1:</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>Nowe &amp;hasło:</translation>
    </message>
    <message>
        <source>New password a&amp;gain:</source>
        <translation>Nowe hasło &amp;ponownie:</translation>
    </message>
    <message>
        <source>as it is</source>
        <translation>bez zmian</translation>
    </message>
    <message>
        <source>on</source>
        <translation>włączony</translation>
    </message>
    <message>
        <source>off</source>
        <translation>wyłączony</translation>
    </message>
    <message>
        <source>Set the unit&apos;s &amp;clock to this laptop&apos;s time</source>
        <translation>Ustaw &amp;zegar urządzenia na czas tego laptopa</translation>
    </message>
    <message>
        <source>0.0.0.0: none</source>
        <translation>0.0.0.0: brak</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Dwa nowe hasła się różnią.</translation>
    </message>
    <message>
        <source>this laptop&apos;s time</source>
        <translation>czas tego laptopa</translation>
    </message>
    <message>
        <source>(new, hidden)</source>
        <translation>(nowe, ukryte)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ustawienie</translation>
    </message>
    <message>
        <source>On the unit</source>
        <translation>W urządzeniu</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planowane</translation>
    </message>
    <message>
        <source>Set up new masters</source>
        <extracomment>a master was verified at its new address: (the address it answered at, the Telnet account, the ProvisionResult); the window moves its links to it (ui/window_actions.py)</extracomment>
        <translation>Konfiguracja nowych masterów</translation>
    </message>
    <message>
        <source>Load &amp;plan…</source>
        <translation>Wczytaj &amp;plan…</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Połącz</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Zastosuj</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>P&amp;omiń</translation>
    </message>
    <message>
        <source>&amp;Next master</source>
        <translation>&amp;Następny master</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Show the Telnet dialogue</source>
        <translation>Pokaż dialog Telnet</translation>
    </message>
    <message>
        <source>Open a commissioning plan</source>
        <translation>Otwórz plan uruchomienia</translation>
    </message>
    <message>
        <source>Plans (*.json);;All files (*)</source>
        <translation>Plany (*.json);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>The plan cannot be used: %1</source>
        <translation>Nie można użyć planu: %1</translation>
    </message>
    <message>
        <source>The plan has no master with a network block.</source>
        <translation>Plan nie ma mastera z blokiem network.</translation>
    </message>
    <message>
        <source>No plan: type the master&apos;s settings in.</source>
        <translation>Bez planu: wpisz ustawienia mastera.</translation>
    </message>
    <message>
        <source>%1 – masters to set up: %2</source>
        <translation>%1 – mastery do skonfigurowania: %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>✓ verified at %1</source>
        <translation>✓ sprawdzony pod %1</translation>
    </message>
    <message>
        <source>skipped: already answers at %1</source>
        <translation>pominięty: już odpowiada pod %1</translation>
    </message>
    <message>
        <source>Every master of the plan is done.</source>
        <translation>Wszystkie mastery z planu są gotowe.</translation>
    </message>
    <message>
        <source>Cable the master to this laptop, fill in where it answers and what it should become, then press Connect.</source>
        <translation>Podłącz mastera do tego laptopa, wpisz, gdzie odpowiada i jaki ma się stać, a potem naciśnij Połącz.</translation>
    </message>
    <message>
        <source>Connect %1 at its factory address %2, then press Connect.</source>
        <translation>Podłącz %1 pod jego fabrycznym adresem %2, a potem naciśnij Połącz.</translation>
    </message>
    <message>
        <source>Connect %1 (it answers at %2), then press Connect.</source>
        <translation>Podłącz %1 (odpowiada pod %2), a potem naciśnij Połącz.</translation>
    </message>
    <message>
        <source>The built-in simulator&apos;s master answers at %1; it moves only to a 127.x.x.x address (e.g. 127.0.0.21), any other address is stored but not taken (this computer cannot answer there).</source>
        <translation>Master wbudowanego symulatora odpowiada pod %1; przenosi się tylko na adres 127.x.x.x (np. 127.0.0.21), każdy inny adres zostaje zapisany, ale nie jest przyjmowany (ten komputer nie może pod nim odpowiadać).</translation>
    </message>
    <message>
        <source>It already answers at its planned address %1: press Skip to leave it as it is.</source>
        <translation>Już odpowiada pod planowanym adresem %1: naciśnij Pomiń, aby zostawić go bez zmian.</translation>
    </message>
    <message>
        <source>This laptop has no address in the master&apos;s subnet %1. Add one, then press Connect:
Windows (as administrator): %2
Linux: %3
(use the name of the network adapter the master is cabled to)</source>
        <translation>Ten laptop nie ma adresu w podsieci mastera %1. Dodaj go, a potem naciśnij Połącz:
Windows (jako administrator): %2
Linux: %3
(użyj nazwy karty sieciowej, do której podłączony jest master)</translation>
    </message>
    <message>
        <source>after its restart the master answers at %1, in %2, where this laptop has no address; add one to follow it (Windows: %3; Linux: %4)</source>
        <translation>po restarcie master odpowiada pod %1, w %2, gdzie ten laptop nie ma adresu; dodaj go, aby podążyć za masterem (Windows: %3; Linux: %4)</translation>
    </message>
    <message>
        <source>Type the address the master answers at now.</source>
        <translation>Wpisz adres, pod którym master odpowiada teraz.</translation>
    </message>
    <message>
        <source>Refused, nothing was sent:</source>
        <translation>Odrzucono, nic nie wysłano:</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Anulowanie…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <source>Logging in to %1…</source>
        <translation>Logowanie do %1…</translation>
    </message>
    <message>
        <source>Reading the unit&apos;s settings (menus 2–7)…</source>
        <translation>Odczyt ustawień urządzenia (menu 2–7)…</translation>
    </message>
    <message>
        <source>Checking that nothing answers at the new address…</source>
        <translation>Sprawdzanie, czy nic nie odpowiada pod nowym adresem…</translation>
    </message>
    <message>
        <source>Setting %1…</source>
        <translation>Ustawianie: %1…</translation>
    </message>
    <message>
        <source>Restarting the unit…</source>
        <translation>Restart urządzenia…</translation>
    </message>
    <message>
        <source>Waiting for the unit at %1: %2 s left</source>
        <translation>Oczekiwanie na urządzenie pod %1: zostało %2 s</translation>
    </message>
    <message>
        <source>Logging in again to verify…</source>
        <translation>Ponowne logowanie w celu sprawdzenia…</translation>
    </message>
    <message>
        <source>Connected to %1 as %2. The marked rows change when you press Apply; the unit then restarts and is verified at its new address.</source>
        <translation>Połączono z %1 jako %2. Zaznaczone wiersze zmienią się po naciśnięciu Zastosuj; urządzenie zostanie potem zrestartowane i sprawdzone pod nowym adresem.</translation>
    </message>
    <message>
        <source>It still has the factory password: give it a new one.</source>
        <translation>Ma wciąż hasło fabryczne: nadaj mu nowe.</translation>
    </message>
    <message>
        <source>Its clock is %1 s off this laptop&apos;s.</source>
        <translation>Jego zegar różni się od zegara laptopa o %1 s.</translation>
    </message>
    <message>
        <source>the SNMP read community is still the factory &apos;public&apos;</source>
        <translation>community SNMP do odczytu to wciąż fabryczne &apos;public&apos;</translation>
    </message>
    <message>
        <source>the SNMP write community is still the factory &apos;private&apos;</source>
        <translation>community SNMP do zapisu to wciąż fabryczne &apos;private&apos;</translation>
    </message>
    <message>
        <source>SNMP v1/v2c traps to %1 travel in cleartext, community included</source>
        <translation>pułapki SNMP v1/v2c do %1 idą otwartym tekstem, razem z community</translation>
    </message>
    <message>
        <source>the new password has %1 characters; %2 or more are advised</source>
        <translation>nowe hasło ma %1 znaków; zalecane jest co najmniej %2</translation>
    </message>
    <message>
        <source>whether anything else has %1 could not be checked from this laptop (it has no address in that subnet): make sure the address is free</source>
        <translation>nie dało się sprawdzić z tego laptopa, czy coś innego ma adres %1 (laptop nie ma adresu w tej podsieci): upewnij się, że adres jest wolny</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Uwaga: %1</translation>
    </message>
    <message>
        <source>✓ Nothing to change: every setting already has the planned value.</source>
        <translation>✓ Nic do zmiany: każde ustawienie ma już planowaną wartość.</translation>
    </message>
    <message>
        <source>✓ Verified at %1: every setting reads back as planned.</source>
        <translation>✓ Sprawdzono pod %1: każde ustawienie odczytuje się zgodnie z planem.</translation>
    </message>
    <message>
        <source>The password was changed and saved in the system keyring as %1.</source>
        <translation>Hasło zmieniono i zapisano w systemowym magazynie haseł jako %1.</translation>
    </message>
    <message>
        <source>The password was changed; no system keyring is available here: keep it safe yourself.</source>
        <translation>Hasło zmieniono; na tym komputerze nie ma systemowego magazynu haseł: przechowaj je bezpiecznie samodzielnie.</translation>
    </message>
    <message>
        <source>Next: connect %1 at %2 and press Next master.</source>
        <translation>Dalej: podłącz %1 pod %2 i naciśnij Następny master.</translation>
    </message>
    <message>
        <source>Cancelled. The audit log lists anything that was changed.</source>
        <translation>Anulowano. Dziennik audytu wymienia wszystko, co zostało zmienione.</translation>
    </message>
    <message>
        <source>The master refused the Telnet login: check the account and password</source>
        <translation>Master odrzucił logowanie Telnet: sprawdź konto i hasło</translation>
    </message>
    <message>
        <source>The master did not answer in time</source>
        <translation>Master nie odpowiedział na czas</translation>
    </message>
    <message>
        <source>The master cannot be reached from this laptop</source>
        <translation>Master jest nieosiągalny z tego laptopa</translation>
    </message>
    <message>
        <source>The connection to the master was lost</source>
        <translation>Połączenie z masterem zostało przerwane</translation>
    </message>
    <message>
        <source>The master did not take a value</source>
        <translation>Master nie przyjął wartości</translation>
    </message>
    <message>
        <source>The master&apos;s Telnet dialogue was not understood</source>
        <translation>Dialog Telnet mastera nie został zrozumiany</translation>
    </message>
    <message>
        <source>Refused by this tool</source>
        <translation>Odrzucone przez to narzędzie</translation>
    </message>
    <message>
        <source>The set-up failed</source>
        <translation>Konfiguracja nie powiodła się</translation>
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
    <name>Report</name>
    <message>
        <source>pass</source>
        <extracomment>Fonts with every Polish letter, in order of preference.</extracomment>
        <translation>pozytywny</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>uwaga</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>negatywny</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>niezgodne</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>unexpected</source>
        <translation>nieplanowane</translation>
    </message>
    <message>
        <source>address conflict</source>
        <translation>konflikt adresów</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normalny</translation>
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
        <source>open</source>
        <translation>otwarte</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięte</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Obiekt</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Serwisant</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Rozpoczęto</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Zakończono</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Narzędzie</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Łącza</translation>
    </message>
    <message>
        <source>Planned thresholds</source>
        <translation>Zaplanowane progi</translation>
    </message>
    <message>
        <source>applied during the run</source>
        <translation>zapisane podczas sprawdzania</translation>
    </message>
    <message>
        <source>compared, not written</source>
        <translation>porównane, niezapisane</translation>
    </message>
    <message>
        <source>Result: every planned unit passes</source>
        <translation>Wynik: pozytywny – wszystkie zaplanowane urządzenia spełniają wymagania</translation>
    </message>
    <message>
        <source>Result: not passed</source>
        <translation>Wynik: negatywny</translation>
    </message>
    <message>
        <source>The run was cancelled: some units were not checked.</source>
        <translation>Sprawdzanie przerwano: nie wszystkie urządzenia zostały sprawdzone.</translation>
    </message>
    <message>
        <source>Units planned</source>
        <translation>Zaplanowane</translation>
    </message>
    <message>
        <source>Units found</source>
        <translation>Znalezione</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Niezgodne</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Brak</translation>
    </message>
    <message>
        <source>Unexpected</source>
        <translation>Nieplanowane</translation>
    </message>
    <message>
        <source>Address conflicts</source>
        <translation>Konflikty adresów</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Łącze</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Kontrole</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Oprogramowanie</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Uwagi</translation>
    </message>
    <message>
        <source>Commissioning report</source>
        <translation>Protokół uruchomienia</translation>
    </message>
    <message>
        <source>BKT BPS2000v2 monitored power distribution units</source>
        <translation>Listwy zasilające z monitoringiem BKT BPS2000v2</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Urządzenia</translation>
    </message>
    <message>
        <source>Handed over by (engineer)</source>
        <translation>Przekazał (serwisant)</translation>
    </message>
    <message>
        <source>Accepted by (customer)</source>
        <translation>Odebrał (klient)</translation>
    </message>
    <message>
        <source>Name, signature</source>
        <translation>Imię i nazwisko, podpis</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Urządzenie %1</translation>
    </message>
    <message>
        <source>Not read: no readings.</source>
        <translation>Nie odczytano: brak pomiarów.</translation>
    </message>
    <message>
        <source>Not in the plan.</source>
        <translation>Poza planem.</translation>
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
        <source>rated %1</source>
        <translation>prąd znamionowy %1</translation>
    </message>
    <message>
        <source>probes: %1</source>
        <translation>czujniki: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>threshold profile %1</source>
        <translation>profil progów %1</translation>
    </message>
    <message>
        <source>firmware %1</source>
        <translation>oprogramowanie %1</translation>
    </message>
    <message>
        <source>the address only</source>
        <translation>tylko adres</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Total energy</source>
        <translation>Energia łącznie</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Wielkość</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Pomiary</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>niepodłączony</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>Czujniki</translation>
    </message>
    <message>
        <source>Alarm thresholds</source>
        <translation>Progi alarmowe</translation>
    </message>
    <message>
        <source>Not readable over this link.</source>
        <translation>Nieczytelne przez to łącze.</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Dolny</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Górny</translation>
    </message>
    <message>
        <source>Alarm state</source>
        <translation>Stan alarmu</translation>
    </message>
    <message>
        <source>Planned low</source>
        <translation>Dolny wg planu</translation>
    </message>
    <message>
        <source>Planned high</source>
        <translation>Górny wg planu</translation>
    </message>
    <message>
        <source>Low before</source>
        <translation>Dolny przed</translation>
    </message>
    <message>
        <source>High before</source>
        <translation>Górny przed</translation>
    </message>
    <message>
        <source>Threshold profile</source>
        <translation>Profil progów</translation>
    </message>
    <message>
        <source>(Telnet %1)</source>
        <translation>(Telnet %1)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrola</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Uzasadnienie</translation>
    </message>
    <message>
        <source>Checked by (name, signature)</source>
        <translation>Sprawdził (imię i nazwisko, podpis)</translation>
    </message>
    <message>
        <source>Engineer’s notes</source>
        <translation>Uwagi serwisanta</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>strona %1 z %2</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Bezpieczeństwo</translation>
    </message>
    <message>
        <source>Telnet at %1</source>
        <translation>Telnet pod adresem %1</translation>
    </message>
    <message>
        <source>SNMP over %1</source>
        <translation>SNMP przez %1</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Sprawdzono</translation>
    </message>
    <message>
        <source>Not checked: the plan gives this unit no Telnet host and it is not on an SNMP link.</source>
        <translation>Nie sprawdzono: plan nie podaje dla tego urządzenia hosta Telnet i nie jest ono na łączu SNMP.</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>Adres sieciowy</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Brama</translation>
    </message>
    <message>
        <source>SNMP agent</source>
        <translation>Agent SNMP</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>włączony</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>wyłączony</translation>
    </message>
    <message>
        <source>Communities changed from the factory&apos;s</source>
        <translation>Nazwy społeczności zmienione z fabrycznych</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Hasło zmienione</translation>
    </message>
    <message>
        <source>Clock skew</source>
        <translation>Odchyłka zegara</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>nie pokazano</translation>
    </message>
    <message>
        <source>Network and security settings not read: %1</source>
        <translation>Nie odczytano ustawień sieci i bezpieczeństwa: %1</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Address %1 is outside 1..247: a Modbus unit address is 1 to 247.</source>
        <translation>Adres %1 jest poza zakresem 1..247: adres jednostki Modbus to 1 do 247.</translation>
    </message>
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
        <source>Export the scan&apos;s results</source>
        <translation>Eksportuj wyniki skanowania</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Nie można zapisać %1: %2</translation>
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
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Eksportuj CSV…</translation>
    </message>
    <message>
        <source>Save the units found, the conflicts and the odd answers as a CSV file</source>
        <translation>Zapisz znalezione urządzenia, konflikty i nietypowe odpowiedzi w pliku CSV</translation>
    </message>
    <message>
        <source>Polling of this link pauses while the scan runs.</source>
        <translation>Podczas skanowania odpytywanie tego łącza jest wstrzymane.</translation>
    </message>
</context>
<context>
    <name>SecurityStrip</name>
    <message numerus="yes">
        <source>Security: %n thing(s) to fix before leaving %1</source>
        <translation>
            <numerusform>Bezpieczeństwo: %n sprawa do poprawienia przed opuszczeniem %1</numerusform>
            <numerusform>Bezpieczeństwo: %n sprawy do poprawienia przed opuszczeniem %1</numerusform>
            <numerusform>Bezpieczeństwo: %n spraw do poprawienia przed opuszczeniem %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ukryj</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <source>Hide or show the security findings and what to do</source>
        <translation>Ukryj lub pokaż uwagi dotyczące bezpieczeństwa i zalecenia</translation>
    </message>
</context>
<context>
    <name>SecurityView</name>
    <message>
        <source>serious</source>
        <translation>poważne</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>średnie</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>drobne</translation>
    </message>
    <message>
        <source>The unit accepts the factory Telnet login admin/admin.</source>
        <translation>Urządzenie przyjmuje fabryczne logowanie Telnet admin/admin.</translation>
    </message>
    <message>
        <source>Telnet is enabled: the account (%1) and its password cross the network in cleartext.</source>
        <translation>Telnet jest włączony: konto (%1) i jego hasło są przesyłane przez sieć jawnym tekstem.</translation>
    </message>
    <message>
        <source>Disable Telnet in the web UI (Network &gt; Telnet) once commissioning is done.</source>
        <translation>Po uruchomieniu wyłącz Telnet na stronie WWW urządzenia (Network &gt; Telnet).</translation>
    </message>
    <message>
        <source>The unit answers SNMP v%1 to the factory community.</source>
        <translation>Urządzenie odpowiada przez SNMP v%1 na fabryczne community.</translation>
    </message>
    <message>
        <source>Change the password before leaving the site: Units &gt; Set up new masters…, Telnet menu 3 or the web UI System &gt; Users.</source>
        <translation>Zmień hasło przed opuszczeniem obiektu: Urządzenia &gt; Skonfiguruj nowe mastery…, menu Telnet 3 albo strona WWW: System &gt; Users.</translation>
    </message>
    <message>
        <source>Set your own read and write communities (Units &gt; Set up new masters…, or the web UI Network &gt; SNMP), or better, switch to SNMPv3.</source>
        <translation>Ustaw własne community odczytu i zapisu (Urządzenia &gt; Skonfiguruj nowe mastery… albo strona WWW: Network &gt; SNMP), a najlepiej przejdź na SNMPv3.</translation>
    </message>
    <message>
        <source>SNMP v%1 sends the community and every value in cleartext, without authentication.</source>
        <translation>SNMP v%1 przesyła community i wszystkie wartości jawnym tekstem, bez uwierzytelniania.</translation>
    </message>
    <message>
        <source>Switch the unit to SNMPv3 with authentication and privacy (web UI Network &gt; SNMP).</source>
        <translation>Przełącz urządzenie na SNMPv3 z uwierzytelnianiem i szyfrowaniem (strona WWW: Network &gt; SNMP).</translation>
    </message>
    <message>
        <source>SNMPv3 is used without authentication (noAuthNoPriv).</source>
        <translation>SNMPv3 działa bez uwierzytelniania (noAuthNoPriv).</translation>
    </message>
    <message>
        <source>Give the SNMPv3 account an authentication key and a privacy key (authPriv).</source>
        <translation>Nadaj kontu SNMPv3 klucz uwierzytelniania i klucz szyfrowania (authPriv).</translation>
    </message>
    <message>
        <source>SNMPv3 is used without privacy: values cross the network in cleartext.</source>
        <translation>SNMPv3 działa bez szyfrowania: wartości są przesyłane przez sieć jawnym tekstem.</translation>
    </message>
    <message>
        <source>Give the SNMPv3 account a privacy key and use privacy (authPriv).</source>
        <translation>Nadaj kontu SNMPv3 klucz szyfrowania i włącz szyfrowanie (authPriv).</translation>
    </message>
    <message>
        <source>SNMPv3 uses %1, which are considered weak.</source>
        <translation>SNMPv3 używa %1, które są uważane za słabe.</translation>
    </message>
    <message>
        <source>Prefer SHA-256 (or at least SHA) and AES if the unit supports them.</source>
        <translation>Wybierz SHA-256 (albo co najmniej SHA) i AES, jeśli urządzenie je obsługuje.</translation>
    </message>
</context>
<context>
    <name>TelnetPanel</name>
    <message>
        <source>Telnet &amp;menu</source>
        <extracomment>The table&apos;s columns, low to high as on a scale; the warnings are editable.</extracomment>
        <translation>&amp;Menu Telnet</translation>
    </message>
    <message>
        <source>low alarm</source>
        <translation>alarm dolny</translation>
    </message>
    <message>
        <source>low warning</source>
        <translation>ostrzeżenie dolne</translation>
    </message>
    <message>
        <source>high warning</source>
        <translation>ostrzeżenie górne</translation>
    </message>
    <message>
        <source>high alarm</source>
        <translation>alarm górny</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1 d %2 h %3 min</translation>
    </message>
    <message>
        <source>Type the Telnet account (the factory one is admin).</source>
        <translation>Wpisz konto Telnet (fabryczne to admin).</translation>
    </message>
    <message>
        <source>The password is kept for this session only: %1</source>
        <translation>Hasło zostaje zachowane tylko na tę sesję: %1</translation>
    </message>
    <message>
        <source>Reset the energy meter of phase %1 on the master at %2?</source>
        <translation>Wyzerować licznik energii fazy %1 w masterze %2?</translation>
    </message>
    <message>
        <source>Reset the energy meters of all three phases on the master at %1?</source>
        <translation>Wyzerować liczniki energii wszystkich trzech faz w masterze %1?</translation>
    </message>
    <message>
        <source>The meter reading that will be lost for good: %1. The unit keeps no copy; note it down first if it is needed.</source>
        <translation>Stan licznika, który zostanie bezpowrotnie utracony: %1. Urządzenie nie zachowuje kopii; jeśli jest potrzebny, najpierw go zanotuj.</translation>
    </message>
    <message>
        <source>The meter readings that will be lost for good: %1. The unit keeps no copy; note them down first if they are needed.</source>
        <translation>Stany liczników, które zostaną bezpowrotnie utracone: %1. Urządzenie nie zachowuje kopii; jeśli są potrzebne, najpierw je zanotuj.</translation>
    </message>
    <message>
        <source>Reset energy meters</source>
        <translation>Zerowanie liczników energii</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Wyzeruj</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n change(s) and reading them back…</source>
        <translation>
            <numerusform>Wysyłanie %n zmiany i odczyt kontrolny…</numerusform>
            <numerusform>Wysyłanie %n zmian i odczyt kontrolny…</numerusform>
            <numerusform>Wysyłanie %n zmian i odczyt kontrolny…</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Telnet: done at %1.</source>
        <translation>✓ Telnet: wykonano o %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Telnet&lt;/b&gt; of the master at %1: no account given yet.</source>
        <translation>&lt;b&gt;Telnet&lt;/b&gt; mastera %1: nie podano jeszcze konta.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Telnet&lt;/b&gt; of the master at %1, account %2</source>
        <translation>&lt;b&gt;Telnet&lt;/b&gt; mastera %1, konto %2</translation>
    </message>
    <message>
        <source>Working over Telnet with %1…</source>
        <translation>Trwa praca przez Telnet z %1…</translation>
    </message>
    <message>
        <source>Alarm limit: set it in the Thresholds tab (Modbus)</source>
        <translation>Próg alarmowy: ustaw go w karcie Progi (Modbus)</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to apply: checked, nothing sent yet.</source>
        <translation>
            <numerusform>%n zmiana do zapisania: sprawdzona, jeszcze nic nie wysłano.</numerusform>
            <numerusform>%n zmiany do zapisania: sprawdzone, jeszcze nic nie wysłano.</numerusform>
            <numerusform>%n zmian do zapisania: sprawdzonych, jeszcze nic nie wysłano.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1: outside %2 .. %3</source>
        <translation>%1: poza zakresem %2 .. %3</translation>
    </message>
    <message>
        <source>%1: must not be below the %2 (%3)</source>
        <translation>%1: nie może być niższe niż %2 (%3)</translation>
    </message>
    <message>
        <source>%1: must not be above the %2 (%3)</source>
        <translation>%1: nie może być wyższe niż %2 (%3)</translation>
    </message>
    <message>
        <source>%1: more decimals than the unit takes</source>
        <translation>%1: więcej miejsc po przecinku, niż przyjmuje urządzenie</translation>
    </message>
    <message>
        <source>No Telnet password for %1 yet: type it below.</source>
        <translation>Brak jeszcze hasła Telnet dla %1: wpisz je poniżej.</translation>
    </message>
    <message>
        <source>The master at %1 refused the login as %2. It is not tried again by itself, so that the unit does not lock the account: check the account and type the password again.</source>
        <translation>Master %1 odrzucił logowanie jako %2. Nie jest ono ponawiane samo, aby urządzenie nie zablokowało konta: sprawdź konto i wpisz hasło ponownie.</translation>
    </message>
    <message>
        <source>No Telnet connection to %1: Telnet may be off on the unit (web UI Network &gt; Telnet), or the port differs.</source>
        <translation>Brak połączenia Telnet z %1: Telnet może być wyłączony w urządzeniu (strona WWW: Network &gt; Telnet) albo port jest inny.</translation>
    </message>
    <message>
        <source>The master at %1 did not answer in time over Telnet.</source>
        <translation>Master %1 nie odpowiedział na czas przez Telnet.</translation>
    </message>
    <message>
        <source>The master at %1 answered something this tool does not understand; the raw dialogue is in the tooltip.</source>
        <translation>Master %1 odpowiedział w sposób niezrozumiały dla programu; surowy zapis rozmowy jest w podpowiedzi.</translation>
    </message>
    <message>
        <source>Nothing was sent: a value was refused (see the thresholds).</source>
        <translation>Nic nie wysłano: jedna z wartości została odrzucona (zobacz progi).</translation>
    </message>
    <message>
        <source>Telnet with %1 failed.</source>
        <translation>Telnet z %1 nie powiódł się.</translation>
    </message>
    <message>
        <source>Reset at %1, read back:</source>
        <translation>Wyzerowano o %1, odczyt kontrolny:</translation>
    </message>
    <message>
        <source>Not every meter reads 0 after the reset (%1):</source>
        <translation>Nie każdy licznik pokazuje 0 po zerowaniu (%1):</translation>
    </message>
    <message>
        <source>%1: %2 → %3, reads back %4</source>
        <translation>%1: %2 → %3, odczyt kontrolny %4</translation>
    </message>
    <message>
        <source>%1: sent %2, but the unit reads back %3</source>
        <translation>%1: wysłano %2, ale urządzenie zwraca %3</translation>
    </message>
    <message>
        <source>%1 changed although not asked for: check the unit</source>
        <translation>%1 zmieniło się, choć nie było zmieniane: sprawdź urządzenie</translation>
    </message>
    <message>
        <source>Read a&amp;gain</source>
        <translation>Odczytaj &amp;ponownie</translation>
    </message>
    <message>
        <source>Log in over Telnet and read the firmware, the meters and the thresholds</source>
        <translation>Zaloguj się przez Telnet i odczytaj oprogramowanie, liczniki i progi</translation>
    </message>
    <message>
        <source>Telnet login</source>
        <translation>Logowanie Telnet</translation>
    </message>
    <message>
        <source>Telnet p&amp;ort:</source>
        <translation>P&amp;ort Telnet:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Hasło:</translation>
    </message>
    <message>
        <source>Remember the password in the system keyrin&amp;g</source>
        <translation>Zapamię&amp;taj hasło w systemowym magazynie haseł</translation>
    </message>
    <message>
        <source>Log &amp;in and read</source>
        <translation>Zaloguj &amp;i odczytaj</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Oprogramowanie</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Wersja:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Ostatnia aktualizacja:</translation>
    </message>
    <message>
        <source>Unit clock:</source>
        <translation>Zegar urządzenia:</translation>
    </message>
    <message>
        <source>Up time:</source>
        <translation>Czas pracy:</translation>
    </message>
    <message>
        <source>Read at:</source>
        <translation>Odczytano o:</translation>
    </message>
    <message>
        <source>Energy meters (menu 9)</source>
        <translation>Liczniki energii (menu 9)</translation>
    </message>
    <message>
        <source>Reset %1…</source>
        <translation>Wyzeruj %1…</translation>
    </message>
    <message>
        <source>Reset &amp;all three…</source>
        <translation>Wyzeruj &amp;wszystkie trzy…</translation>
    </message>
    <message>
        <source>Alarm and warning thresholds (menu 8)</source>
        <translation>Progi alarmowe i ostrzegawcze (menu 8)</translation>
    </message>
    <message>
        <source>The warnings exist only in the unit&apos;s Telnet menu. Changes are checked as the unit checks them (low alarm ≤ low warning ≤ high warning ≤ high alarm) before anything is sent, then read back.</source>
        <translation>Progi ostrzegawcze istnieją tylko w menu Telnet urządzenia. Zmiany są sprawdzane tak jak w urządzeniu (alarm dolny ≤ ostrzeżenie dolne ≤ ostrzeżenie górne ≤ alarm górny), zanim cokolwiek zostanie wysłane, a potem odczytywane kontrolnie.</translation>
    </message>
    <message>
        <source>Rated &amp;current:</source>
        <translation>Prąd &amp;znamionowy:</translation>
    </message>
    <message>
        <source>The unit&apos;s rated current (not readable from the unit): the highest current threshold</source>
        <translation>Prąd znamionowy urządzenia (nie da się go odczytać z urządzenia): najwyższy próg prądu</translation>
    </message>
    <message>
        <source>A&amp;pply warnings</source>
        <translation>Zapisz &amp;ostrzeżenia</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Cofnij</translation>
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
        <source>Press Apply again to write anyway.</source>
        <translation>Naciśnij Zastosuj ponownie, aby mimo to zapisać.</translation>
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
        <source>%1 reads %2: a high alarm at %3 alarms at once</source>
        <translation>%1 wskazuje %2: alarm górny przy %3 włączy się od razu</translation>
    </message>
    <message>
        <source>%1 reads %2: a low alarm at %3 alarms at once</source>
        <translation>%1 wskazuje %2: alarm dolny przy %3 włączy się od razu</translation>
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
    <name>ThresholdsTab</name>
    <message>
        <source>Changes are checked before anything is written; each write is read back and recorded in the audit log. The live reading beside each setting is the unit&apos;s present value.</source>
        <translation>Zmiany są sprawdzane przed zapisem; każdy zapis jest odczytywany kontrolnie i zapisywany w dzienniku zmian. Bieżący odczyt obok każdego ustawienia to obecna wartość z urządzenia.</translation>
    </message>
    <message>
        <source>This unit is read over SNMP, which carries no alarm thresholds: connect to it over Modbus TCP (or RS485) to edit them, or use its Telnet menu.</source>
        <translation>To urządzenie jest odczytywane przez SNMP, które nie przenosi progów alarmowych: połącz się z nim przez Modbus TCP (lub RS485), aby je edytować, albo użyj jego menu Telnet.</translation>
    </message>
    <message>
        <source>Select a unit in the chain tree to edit its alarm thresholds.</source>
        <translation>Wybierz urządzenie w drzewie łańcucha, aby edytować jego progi alarmowe.</translation>
    </message>
    <message>
        <source>&amp;Thresholds</source>
        <translation>Pro&amp;gi</translation>
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
        <source>No alarm state over SNMP</source>
        <translation>Brak stanu alarmu przez SNMP</translation>
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
        <source>Alarm limits and alarm states are not available over SNMP: the unit&apos;s object table has readings and sensors only. Over Modbus TCP, or in the master&apos;s Telnet menu, the limits can be read.</source>
        <translation>Progi i stany alarmów nie są dostępne przez SNMP: tabela obiektów urządzenia zawiera tylko pomiary i czujniki. Progi można odczytać przez Modbus TCP albo w menu Telnet mastera.</translation>
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
