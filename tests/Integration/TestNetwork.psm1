# The integration environment: a network namespace of its own with BIND (authoritative for the test zones), nginx
# (the policy hosts, with certificates from a throwaway CA) and a small STARTTLS listener (the MX hosts), all bound to
# the namespace's loopback. Nothing here sends traffic outside the namespace. Needs root, iproute2, named and nginx.

Set-StrictMode -Version Latest

$script:TestZone = 'mtasts.test'
$script:PolicyId = '20260101000000Z'

# Scenario name => how its DNS, policy host and MX are set up. Every scenario is <name>.mtasts.test.
$script:Scenarios = [ordered]@{
    good             = @{}
    testing          = @{ Mode = 'testing'; TlsRpt = $false }
    notxt            = @{ Txt = @() }
    twotxt           = @{ Txt = @('v=STSv1; id=20260101000000Z', 'v=STSv1; id=20260102000000Z') }
    badid            = @{ Txt = @('v=STSv1; id=2026-01-01T00:00:00Z') }
    nohost           = @{ PolicyHost = $false }
    notfound         = @{ Nginx = 'notfound' }
    redirect         = @{ Nginx = 'redirect' }
    html             = @{ Nginx = 'html' }
    notype           = @{ Nginx = 'notype' }
    charset          = @{ Nginx = 'charset' }
    htmlbody         = @{ Body = "<!DOCTYPE html>`n<html><body>Not found</body></html>`n" }
    bom              = @{ Bom = $true }
    selfsigned       = @{ Cert = 'selfsigned' }
    wrongname        = @{ Cert = 'wrongname' }
    expired          = @{ Cert = 'expired' }
    nointermediate   = @{ Cert = 'nointermediate' }
    privateca        = @{ Cert = 'privateca' }
    large            = @{ Large = $true }
    slow             = @{ Nginx = 'slow' }
    uncovered        = @{ PolicyMx = 'mx.elsewhere.mtasts.test' }
    uncoveredtesting = @{ PolicyMx = 'mx.elsewhere.mtasts.test'; Mode = 'testing' }
    nostarttls       = @{ MxAddress = '127.0.0.11' }
    mxname           = @{ MxAddress = '127.0.0.12' }
    drift            = @{}
    cname            = @{ TxtAlias = '_mta-sts.good' }
    apex             = @{ Txt = @(); ApexTxt = 'v=STSv1; id=20260101000000Z' }
    smtpclosed       = @{ MxAddress = '127.0.0.13' }
    requiresni       = @{ MxAddress = '127.0.0.14' }
    twoaddresses     = @{ ExtraPolicyAddress = '127.0.0.2' }
    misplacedfile    = @{ Nginx = 'misplaced' }
    mxnointermediate = @{ MxAddress = '127.0.0.15' }
    mxtwoaddresses   = @{ ExtraMxAddress = '127.0.0.12' }
    # DANE (RFC 7672): the MX in the DNSSEC-signed zone dane.test with a matching or a wrong TLSA record, and an MX
    # whose matching TLSA record sits in the unsigned mtasts.test. Checked through the validating resolver.
    danematch        = @{ MxHost = 'mxmatch.dane.test' }
    danemismatch     = @{ MxHost = 'mxmismatch.dane.test' }
    daneunsigned     = @{ UnsignedTlsa = $true }
    # Hostile MX hosts: a banner of continuation lines that never ends, an EHLO reply that never ends, a slow drip.
    hostilebanner    = @{ MxAddress = '127.0.0.16' }
    hostileehlo      = @{ MxAddress = '127.0.0.17' }
    hostiledrip      = @{ MxAddress = '127.0.0.18' }
    # Policy hosts served with New-MtaStsWebServerConfig's configuration, each by a server of its own.
    webnginx         = @{ PolicyHost = $false; ExtraPolicyAddress = '127.0.0.21'; WebServer = 'Nginx' }
    webapache        = @{ PolicyHost = $false; ExtraPolicyAddress = '127.0.0.22'; WebServer = 'Apache' }
    webcaddy         = @{ PolicyHost = $false; ExtraPolicyAddress = '127.0.0.23'; WebServer = 'Caddy' }
}

function New-TestCertificate {
    # An ECDSA P-256 certificate made with .NET: a CA when -Ca, else a TLS server certificate for -DnsName.
    param(
        [Parameter(Mandatory)] [string] $Subject,
        [string[]] $DnsName = @(),
        [System.Security.Cryptography.X509Certificates.X509Certificate2] $Issuer,
        [switch] $Ca,
        [datetime] $NotBefore = [datetime]::UtcNow.AddDays(-1),
        [datetime] $NotAfter = [datetime]::UtcNow.AddDays(365),
        # The caIssuers URL of the authorityInfoAccess extension, as every leaf from a public CA carries.
        [string] $AiaUrl
    )
    $x509 = 'System.Security.Cryptography.X509Certificates'
    $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
    $request = New-Object "$x509.CertificateRequest" "CN=$Subject", $key, ([System.Security.Cryptography.HashAlgorithmName]::SHA256)
    $request.CertificateExtensions.Add((New-Object "$x509.X509BasicConstraintsExtension" ([bool]$Ca), $false, 0, $true))
    $request.CertificateExtensions.Add((New-Object "$x509.X509SubjectKeyIdentifierExtension" $request.PublicKey, $false))
    if ($Ca) {
        $request.CertificateExtensions.Add((New-Object "$x509.X509KeyUsageExtension" ([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'KeyCertSign, CrlSign'), $true))
    }
    else {
        $request.CertificateExtensions.Add((New-Object "$x509.X509KeyUsageExtension" ([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'DigitalSignature'), $true))
        $usages = New-Object System.Security.Cryptography.OidCollection
        [void]$usages.Add((New-Object System.Security.Cryptography.Oid '1.3.6.1.5.5.7.3.1'))
        $request.CertificateExtensions.Add((New-Object "$x509.X509EnhancedKeyUsageExtension" $usages, $false))
    }
    if ($AiaUrl) {
        $request.CertificateExtensions.Add((New-Object "$x509.X509AuthorityInformationAccessExtension" $null, ([string[]]@($AiaUrl)), $false))
    }
    if ($DnsName) {
        $names = New-Object "$x509.SubjectAlternativeNameBuilder"
        foreach ($name in $DnsName) { $names.AddDnsName($name) }
        $request.CertificateExtensions.Add($names.Build())
    }
    if ($Issuer) {
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($Issuer, $true, $false))
        $serial = [byte[]]::new(16); [System.Security.Cryptography.RandomNumberGenerator]::Fill($serial); $serial[0] = 0x40
        $certificate = $request.Create($Issuer, [datetimeoffset]$NotBefore, [datetimeoffset]$NotAfter, $serial)
        $certificate = [System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::CopyWithPrivateKey($certificate, $key)
    }
    else {
        $certificate = $request.CreateSelfSigned([datetimeoffset]$NotBefore, [datetimeoffset]$NotAfter)
    }
    [pscustomobject]@{ Certificate = $certificate; Key = $key }
}

function Save-TestCertificate {
    # Writes <name>.pem (the certificate, then each of -Chain) and <name>.key; returns the two paths.
    param([string] $Folder, [string] $Name, $Pair, [object[]] $Chain = @())
    $pem = Join-Path $Folder "$Name.pem"
    $text = $Pair.Certificate.ExportCertificatePem() + "`n" + (($Chain | ForEach-Object { $_.Certificate.ExportCertificatePem() + "`n" }) -join '')
    [IO.File]::WriteAllText($pem, $text)
    $key = Join-Path $Folder "$Name.key"
    [IO.File]::WriteAllText($key, $Pair.Key.ExportPkcs8PrivateKeyPem() + "`n")
    [pscustomobject]@{ Certificate = $pem; Key = $key }
}

function Get-PolicyText {
    param([string] $Mode, [string[]] $Mx)
    (@('version: STSv1', "mode: $Mode") + ($Mx | ForEach-Object { "mx: $_" }) + 'max_age: 604800' | ForEach-Object { "$_`r`n" }) -join ''
}

function Test-TestNetworkPrerequisite {
    # Returns why the environment cannot start here, or nothing when it can.
    if (-not $IsLinux) { return 'the integration tests need Linux network namespaces' }
    if ((& id -u) -ne '0') { return 'the integration tests need root (ip netns)' }
    foreach ($command in 'ip', 'named', 'nginx', 'ss', 'openssl', 'curl', 'mta-sts-query', 'nsupdate', 'dig', 'tsig-keygen', '/usr/sbin/apache2', 'caddy') {
        if (-not (Get-Command $command -ErrorAction SilentlyContinue)) { return "'$command' is not installed (.ci/run installs iproute2, bind9, bind9-dnsutils, nginx-light, apache2, caddy, openssl, curl and postfix-mta-sts-resolver)" }
    }
}

function Start-TestNetwork {
    # Creates the namespace, the certificates, the zone, the nginx sites and the SMTP listeners, starts the servers
    # and waits until they listen. -BulkCount adds that many correct domains d<N>.bulk.test for bulk runs.
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $SmtpStub, [int] $BulkCount = 0)

    $namespace = 'mtasts' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $folder = New-Item -ItemType Directory -Force (Join-Path $Root $namespace)
    $certs = New-Item -ItemType Directory -Force (Join-Path $folder 'certs')
    $web = New-Item -ItemType Directory -Force (Join-Path $folder 'www')

    # Certificates: a root the tests trust (through SSL_CERT_FILE, as if public), an intermediate, and a private CA.
    $rootCa = New-TestCertificate -Subject 'MtaSts Test Root' -Ca -NotBefore '2019-01-01' -NotAfter ([datetime]::UtcNow.AddYears(5))
    $intermediate = New-TestCertificate -Subject 'MtaSts Test Intermediate' -Ca -Issuer $rootCa.Certificate -NotBefore '2019-01-01' -NotAfter ([datetime]::UtcNow.AddYears(4))
    $privateRoot = New-TestCertificate -Subject 'MtaSts Private Root' -Ca -NotAfter ([datetime]::UtcNow.AddYears(5))
    [IO.File]::WriteAllText((Join-Path $certs 'root.pem'), $rootCa.Certificate.ExportCertificatePem() + "`n")
    [IO.File]::WriteAllText((Join-Path $certs 'private-root.pem'), $privateRoot.Certificate.ExportCertificatePem() + "`n")
    [IO.File]::WriteAllText((Join-Path $certs 'intermediate.pem'), $intermediate.Certificate.ExportCertificatePem() + "`n")
    # The intermediate, reachable over HTTP at the URL its leaves name (aia.mtasts.test, 127.0.0.3:80), with an access
    # log of its own: the tests assert that no client of ours ever asks for it.
    $aia = "http://aia.$TestZone/intermediate.cer"
    New-Item -ItemType Directory -Force (Join-Path $web 'aia') | Out-Null
    [IO.File]::WriteAllBytes((Join-Path $web 'aia/intermediate.cer'), $intermediate.Certificate.RawData)

    $zone = [Collections.Generic.List[string]]::new()
    $zone.Add("`$TTL 300")
    $zone.Add("@ IN SOA ns.$TestZone. hostmaster.$TestZone. 1 3600 600 86400 300")
    $zone.Add("@ IN NS ns.$TestZone.")
    $zone.Add('ns IN A 127.0.0.1')
    $zone.Add('aia IN A 127.0.0.3')
    # For New-MtaStsPolicy -FromDns: two MX hosts listed out of preference order, a Null MX (RFC 7505), and no MX at all.
    $zone.Add('twomx IN MX 20 backup.twomx'); $zone.Add('twomx IN MX 10 mx1.twomx')
    $zone.Add('nullmx IN MX 0 .')
    $zone.Add('nomx IN A 127.0.0.10')
    $servers = [Collections.Generic.List[string]]::new()
    $mxNames = [Collections.Generic.List[string]]::new()
    $webServers = [ordered]@{}

    foreach ($entry in $Scenarios.GetEnumerator()) {
        $name = $entry.Key; $s = $entry.Value
        $domain = "$name.$TestZone"
        $mode = if ($s.ContainsKey('Mode')) { $s.Mode } else { 'enforce' }
        $txt = if ($s.ContainsKey('Txt')) { $s.Txt } else { @("v=STSv1; id=$PolicyId") }
        if ($s.ContainsKey('TxtAlias')) { $zone.Add("_mta-sts.$name IN CNAME $($s.TxtAlias)") }
        else { foreach ($value in $txt) { $zone.Add("_mta-sts.$name IN TXT `"$value`"") } }
        if ($s.ContainsKey('ApexTxt')) { $zone.Add("$name IN TXT `"$($s.ApexTxt)`"") }
        if (-not $s.ContainsKey('PolicyHost') -or $s.PolicyHost) { $zone.Add("mta-sts.$name IN A 127.0.0.1") }
        if ($s.ContainsKey('ExtraPolicyAddress')) { $zone.Add("mta-sts.$name IN A $($s.ExtraPolicyAddress)") }
        $mxHost = if ($s.ContainsKey('MxHost')) { $s.MxHost } else { "mx.$domain" }
        $zone.Add("$name IN MX 10 $mxHost.")
        if (-not $s.ContainsKey('MxHost')) { $zone.Add("mx.$name IN A $(if ($s.ContainsKey('MxAddress')) { $s.MxAddress } else { '127.0.0.10' })") }
        if ($s.ContainsKey('ExtraMxAddress')) { $zone.Add("mx.$name IN A $($s.ExtraMxAddress)") }
        if (-not $s.ContainsKey('TlsRpt') -or $s.TlsRpt) { $zone.Add("_smtp._tls.$name IN TXT `"v=TLSRPTv1; rua=mailto:tlsrpt@$domain`"") }
        $mxNames.Add($mxHost)

        $policyMx = if ($s.ContainsKey('PolicyMx')) { $s.PolicyMx } else { $mxHost }
        $site = New-Item -ItemType Directory -Force (Join-Path $web "$name/.well-known")
        $body = if ($s.ContainsKey('Body')) { $s.Body } else { Get-PolicyText $mode $policyMx }
        $bytes = [Text.Encoding]::UTF8.GetBytes($body)
        if ($s.ContainsKey('Bom')) { $bytes = [byte[]](0xEF, 0xBB, 0xBF) + $bytes }
        if ($s.ContainsKey('Large')) { $bytes = [Text.Encoding]::ASCII.GetBytes($body + (('x-padding: ' + ('a' * 100) + "`r`n") * 700)) }
        $nginxKind = if ($s.ContainsKey('Nginx')) { $s.Nginx } else { 'file' }
        switch ($nginxKind) {
            'notfound' { }
            'misplaced' { [IO.File]::WriteAllBytes((Join-Path $web "$name/mta-sts.txt"), $bytes) }
            default { [IO.File]::WriteAllBytes((Join-Path $site 'mta-sts.txt'), $bytes) }
        }

        $host_ = "mta-sts.$domain"
        $kind = if ($s.ContainsKey('Cert')) { $s.Cert } else { 'good' }
        $pair = switch ($kind) {
            'selfsigned' { Save-TestCertificate $certs $name (New-TestCertificate -Subject $host_ -DnsName $host_) }
            'wrongname' { Save-TestCertificate $certs $name (New-TestCertificate -Subject "www.$domain" -DnsName "www.$domain", $domain -Issuer $intermediate.Certificate -AiaUrl $aia) @($intermediate) }
            'expired' { Save-TestCertificate $certs $name (New-TestCertificate -Subject $host_ -DnsName $host_ -Issuer $intermediate.Certificate -AiaUrl $aia -NotBefore '2020-01-01' -NotAfter '2021-01-01') @($intermediate) }
            'nointermediate' { Save-TestCertificate $certs $name (New-TestCertificate -Subject $host_ -DnsName $host_ -Issuer $intermediate.Certificate -AiaUrl $aia) }
            'privateca' { Save-TestCertificate $certs $name (New-TestCertificate -Subject $host_ -DnsName $host_ -Issuer $privateRoot.Certificate) }
            default { Save-TestCertificate $certs $name (New-TestCertificate -Subject $host_ -DnsName $host_ -Issuer $intermediate.Certificate -AiaUrl $aia) @($intermediate) }
        }
        if ($s.ContainsKey('WebServer')) { $webServers[$name] = @{ Kind = $s.WebServer; Domain = $domain; Address = $s.ExtraPolicyAddress; Root = (Join-Path $web $name); Pair = $pair } }
        $location = switch ($nginxKind) {
            'redirect' { "return 301 https://www.$domain/.well-known/mta-sts.txt;" }
            'html' { "root $web/$name; default_type text/html;" }
            'notype' { "root $web/$name; default_type `"`";" }
            'charset' { "root $web/$name; default_type `"text/plain; charset=iso-8859-1`";" }
            'slow' { "root $web/$name; default_type text/plain; limit_rate 10; limit_rate_after 0;" }
            default { "root $web/$name; default_type text/plain;" }
        }
        $extra = if ($nginxKind -eq 'misplaced') { " location = /mta-sts.txt { root $web/$name; default_type text/plain; }" } else { '' }
        $servers.Add("  server { listen 127.0.0.1:443 ssl; server_name $host_; ssl_certificate $($pair.Certificate); ssl_certificate_key $($pair.Key); location = /.well-known/mta-sts.txt { $location }$extra }")
    }

    # example.com, for the documentation examples.
    $example = @(
        "`$TTL 300", '@ IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300', '@ IN NS ns.example.com.', 'ns IN A 127.0.0.1',
        '@ IN MX 10 mail.example.com.', 'mail IN A 127.0.0.10', "_mta-sts IN TXT `"v=STSv1; id=$PolicyId`"", 'mta-sts IN A 127.0.0.1',
        '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"')
    $mxNames.Add('mail.example.com')
    New-Item -ItemType Directory -Force (Join-Path $web 'example.com/.well-known') | Out-Null
    [IO.File]::WriteAllText((Join-Path $web 'example.com/.well-known/mta-sts.txt'), (Get-PolicyText 'enforce' 'mail.example.com'))
    $pair = Save-TestCertificate $certs 'example.com' (New-TestCertificate -Subject 'mta-sts.example.com' -DnsName 'mta-sts.example.com' -Issuer $intermediate.Certificate -AiaUrl $aia) @($intermediate)
    $servers.Add("  server { listen 127.0.0.1:443 ssl; server_name mta-sts.example.com; ssl_certificate $($pair.Certificate); ssl_certificate_key $($pair.Key); location = /.well-known/mta-sts.txt { root $web/example.com; default_type text/plain; } }")

    # d<N>.bulk.test: correct domains, each with a certificate of its own, all sharing one policy file and one MX.
    $bulk = @("`$TTL 300", '@ IN SOA ns.bulk.test. hostmaster.bulk.test. 1 3600 600 86400 300', '@ IN NS ns.bulk.test.', 'ns IN A 127.0.0.1', 'mx IN A 127.0.0.10')
    New-Item -ItemType Directory -Force (Join-Path $web 'bulk/.well-known') | Out-Null
    [IO.File]::WriteAllText((Join-Path $web 'bulk/.well-known/mta-sts.txt'), (Get-PolicyText 'enforce' 'mx.bulk.test'))
    $bulkCerts = New-Item -ItemType Directory -Force (Join-Path $certs 'bulk')
    for ($i = 1; $i -le $BulkCount; $i++) {
        $bulk += "_mta-sts.d$i IN TXT `"v=STSv1; id=$PolicyId`"", "mta-sts.d$i IN A 127.0.0.1", "d$i IN MX 10 mx.bulk.test.", "_smtp._tls.d$i IN TXT `"v=TLSRPTv1; rua=mailto:tlsrpt@bulk.test`""
        $pair = Save-TestCertificate $bulkCerts "d$i" (New-TestCertificate -Subject "mta-sts.d$i.bulk.test" -DnsName "mta-sts.d$i.bulk.test" -Issuer $intermediate.Certificate -AiaUrl $aia) @($intermediate)
        $servers.Add("  server { listen 127.0.0.1:443 ssl; server_name mta-sts.d$i.bulk.test; ssl_certificate $($pair.Certificate); ssl_certificate_key $($pair.Key); location = /.well-known/mta-sts.txt { root $web/bulk; default_type text/plain; } }")
    }
    $mxNames.Add('mx.bulk.test')

    # The MX side: a correct listener, one without STARTTLS, one whose certificate names another host, and one that
    # fails the handshake without SNI.
    $mxGoodPair = New-TestCertificate -Subject 'mx' -DnsName $mxNames -Issuer $intermediate.Certificate -AiaUrl $aia
    $mxGood = Save-TestCertificate $certs 'mx-good' $mxGoodPair @($intermediate)

    # DANE: '3 1 1' = the SHA-256 of the good MX certificate's public key (RFC 7671 §5.1). dane.test is signed with
    # a KSK and a ZSK made here; the validating resolver (127.0.0.1:5300) trusts that KSK and nothing else.
    $spkiHash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($mxGoodPair.Certificate.PublicKey.ExportSubjectPublicKeyInfo()))
    $zone.Add("_25._tcp.mx.daneunsigned IN TLSA 3 1 1 $spkiHash")
    $dane = @("`$TTL 300", '@ IN SOA ns.dane.test. hostmaster.dane.test. 1 3600 600 86400 300', '@ IN NS ns.dane.test.', 'ns IN A 127.0.0.1',
        'mxmatch IN A 127.0.0.10', 'mxmismatch IN A 127.0.0.10', "_25._tcp.mxmatch IN TLSA 3 1 1 $spkiHash", "_25._tcp.mxmismatch IN TLSA 3 1 1 $('AB' * 32)")
    $keys = New-Item -ItemType Directory -Force (Join-Path $folder 'dnssec')
    Set-Content (Join-Path $keys 'dane.test.zone') -Value $dane
    & dnssec-keygen -q -K $keys -a ECDSAP256SHA256 -n ZONE dane.test | Out-Null
    $ksk = & dnssec-keygen -q -K $keys -a ECDSAP256SHA256 -f KSK -n ZONE dane.test
    & dnssec-signzone -q -K $keys -d $keys -S -o dane.test -f (Join-Path $keys 'dane.test.zone.signed') (Join-Path $keys 'dane.test.zone') | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'dnssec-signzone failed' }
    $dnskey = (Get-Content (Join-Path $keys "$ksk.key") | Where-Object { $_ -match 'DNSKEY' }) -replace '^.*DNSKEY\s+(\d+)\s+(\d+)\s+(\d+)\s+(.*)$', '$1 $2 $3 "$4"'
    $dnskey = $dnskey -replace '\s+(?=[^"]*"$)', ''

    $mxAlone = Save-TestCertificate $certs 'mx-alone' (New-TestCertificate -Subject 'mx' -DnsName $mxNames -Issuer $intermediate.Certificate -AiaUrl $aia)
    $mxWrong = Save-TestCertificate $certs 'mx-wrong' (New-TestCertificate -Subject 'other.mtasts.test' -DnsName 'other.mtasts.test' -Issuer $intermediate.Certificate -AiaUrl $aia) @($intermediate)

    Set-Content (Join-Path $folder 'mtasts.test.zone') -Value $zone
    Set-Content (Join-Path $folder 'example.com.zone') -Value $example
    Set-Content (Join-Path $folder 'bulk.test.zone') -Value $bulk
    # update.test takes RFC 2136 updates signed with a TSIG key, and starts with the state a rotation must repair: two
    # _mta-sts records.
    & tsig-keygen -a hmac-sha256 mtasts-update | Set-Content (Join-Path $folder 'update.key')
    Set-Content (Join-Path $folder 'update.test.zone') -Value @("`$TTL 300", '@ IN SOA ns.update.test. hostmaster.update.test. 1 3600 600 86400 300',
        '@ IN NS ns.update.test.', 'ns IN A 127.0.0.1', '@ IN MX 10 mx.update.test.', '_mta-sts IN TXT "v=STSv1; id=old1"', '_mta-sts IN TXT "v=STSv1; id=old2"',
        '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:old@update.test"')
    Set-Content (Join-Path $folder 'named.conf') -Value @"
options {
    directory "$folder";
    pid-file "$folder/named.pid";
    listen-on port 53 { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
};
controls { };
zone "$TestZone" { type primary; file "$folder/mtasts.test.zone"; };
zone "example.com" { type primary; file "$folder/example.com.zone"; };
zone "bulk.test" { type primary; file "$folder/bulk.test.zone"; };
zone "dane.test" { type primary; file "$keys/dane.test.zone.signed"; };
include "$folder/update.key";
zone "update.test" { type primary; file "$folder/update.test.zone"; allow-update { key "mtasts-update"; }; };
"@
    # A validating resolver, as a DANE sender uses: every name is asked of the BIND above, dane.test is validated.
    Set-Content (Join-Path $folder 'resolver.conf') -Value @"
options {
    directory "$keys";
    pid-file "$folder/resolver.pid";
    listen-on port 5300 { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion yes;
    allow-recursion { any; };
    dnssec-validation yes;
};
controls { };
trust-anchors { dane.test. static-key $dnskey; };
zone "." { type static-stub; server-addresses { 127.0.0.1; }; };
"@
    Set-Content (Join-Path $folder 'nginx.conf') -Value @"
worker_processes 2;
pid $folder/nginx.pid;
error_log $folder/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $folder/tmp-body; proxy_temp_path $folder/tmp-proxy; fastcgi_temp_path $folder/tmp-fastcgi;
  uwsgi_temp_path $folder/tmp-uwsgi; scgi_temp_path $folder/tmp-scgi;
  server_names_hash_bucket_size 128;
  ssl_protocols TLSv1.2 TLSv1.3;
$($servers -join "`n")
  server { listen 127.0.0.3:80; server_name aia.$TestZone; access_log $folder/aia-access.log; location / { root $web/aia; } }
}
"@

    & ip netns add $namespace
    if ($LASTEXITCODE -ne 0) { throw "ip netns add $namespace failed" }
    & ip netns exec $namespace ip link set lo up
    # ip netns exec bind-mounts this over /etc/resolv.conf inside the namespace: every resolver there asks our BIND.
    New-Item -ItemType Directory -Force "/etc/netns/$namespace" | Out-Null
    Set-Content "/etc/netns/$namespace/resolv.conf" -Value 'nameserver 127.0.0.1'

    $network = [pscustomobject]@{
        Namespace = $namespace; Folder = $folder.FullName; RootCertificate = (Join-Path $certs 'root.pem')
        PrivateRootCertificate = (Join-Path $certs 'private-root.pem'); IntermediateCertificate = (Join-Path $certs 'intermediate.pem')
        AiaLog = (Join-Path $folder 'aia-access.log'); ValidatingResolver = '127.0.0.1:5300'; WebRoot = $web.FullName; Zone = $TestZone
        Scenarios = @($Scenarios.Keys); Processes = [Collections.Generic.List[Diagnostics.Process]]::new(); BulkCount = $BulkCount
        UpdateKey = (Join-Path $folder 'update.key')
    }
    try {
        Start-NetnsProcess $network 'named' @('-g', '-c', (Join-Path $folder 'named.conf')) 'named.log'
        Start-NetnsProcess $network 'named' @('-g', '-c', (Join-Path $folder 'resolver.conf')) 'resolver.log'
        Start-NetnsProcess $network 'nginx' @('-c', (Join-Path $folder 'nginx.conf'), '-g', 'daemon off;') 'nginx.log'
        Start-NetnsProcess $network 'dotnet' @($SmtpStub, "127.0.0.10:25=$($mxGood.Certificate),$($mxGood.Key)", '127.0.0.11:25=none', "127.0.0.12:25=$($mxWrong.Certificate),$($mxWrong.Key)", "127.0.0.14:25=$($mxGood.Certificate),$($mxGood.Key),sni", "127.0.0.15:25=$($mxAlone.Certificate),$($mxAlone.Key)",
            '127.0.0.16:25=hostile:endless-banner', '127.0.0.17:25=hostile:endless-ehlo', '127.0.0.18:25=hostile:drip') 'smtp.log'
        Start-WebServer $network $webServers
        Wait-Listening $network @(@($webServers.Values | ForEach-Object { "$($_.Address):443" }) + @('127.0.0.1:53', '127.0.0.1:5300', '127.0.0.1:443', '127.0.0.3:80', '127.0.0.10:25', '127.0.0.11:25', '127.0.0.12:25', '127.0.0.14:25', '127.0.0.15:25', '127.0.0.16:25', '127.0.0.17:25', '127.0.0.18:25'))
    }
    catch {
        Stop-TestNetwork $network
        throw
    }

    $network
}

function Start-WebServer {
    # nginx, Apache and Caddy, each serving its policy host with the configuration New-MtaStsWebServerConfig writes,
    # wrapped in the least a server needs to start here: its own address, pid and log files, and for Caddy the test
    # certificate (it would otherwise ask an ACME CA) and no listener on port 80.
    param($Network, $WebServers)
    Import-Module $env:MTASTS_MODULE_PATH
    $folder = $Network.Folder
    foreach ($server in $WebServers.Values) {
        $config = New-MtaStsWebServerConfig -Domain $server.Domain -Server $server.Kind -WebRoot $server.Root -CertificatePath $server.Pair.Certificate -KeyPath $server.Pair.Key
        $text = $config.Text
        switch ($server.Kind) {
            'Nginx' {
                $text = $text.Replace('listen 443 ssl;', "listen $($server.Address):443 ssl;").Replace("    listen [::]:443 ssl;`n", '')
                Set-Content (Join-Path $folder 'web-nginx.conf') -Value @"
worker_processes 1;
pid $folder/web-nginx.pid;
error_log $folder/web-nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $folder/tmp-body; proxy_temp_path $folder/tmp-proxy; fastcgi_temp_path $folder/tmp-fastcgi;
  uwsgi_temp_path $folder/tmp-uwsgi; scgi_temp_path $folder/tmp-scgi;
$text
}
"@
                Start-NetnsProcess $Network 'nginx' @('-c', (Join-Path $folder 'web-nginx.conf'), '-g', 'daemon off;') 'web-nginx.log'
            }
            'Apache' {
                $modules = '/usr/lib/apache2/modules'
                Set-Content (Join-Path $folder 'web-apache.conf') -Value @"
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule socache_shmcb_module $modules/mod_socache_shmcb.so
LoadModule ssl_module $modules/mod_ssl.so
ServerName localhost
Listen $($server.Address):443
PidFile $folder/web-apache.pid
DefaultRuntimeDir $folder
ErrorLog $folder/web-apache-error.log
User www-data
Group www-data
$text
"@
                Start-NetnsProcess $Network '/usr/sbin/apache2' @('-f', (Join-Path $folder 'web-apache.conf'), '-DFOREGROUND') 'web-apache.log'
            }
            'Caddy' {
                $site = $text -replace '(?m)^(\S+ \{)$', "`$1`n    bind $($server.Address)`n    tls $($server.Pair.Certificate) $($server.Pair.Key)"
                Set-Content (Join-Path $folder 'Caddyfile') -Value @"
{
    admin off
    auto_https disable_redirects
    storage file_system $folder/caddy-data
}
$site
"@
                Start-NetnsProcess $Network 'caddy' @('run', '--config', (Join-Path $folder 'Caddyfile'), '--adapter', 'caddyfile') 'web-caddy.log'
            }
        }
    }
}

function Start-NetnsProcess {
    # bash execs 'ip netns exec', which execs the server: the PID we keep is the server's own.
    param($Network, [string] $Command, [string[]] $Arguments, [string] $Log)
    $info = [Diagnostics.ProcessStartInfo]::new('bash')
    foreach ($argument in @('-c', 'exec "$@" > "$0" 2>&1', (Join-Path $Network.Folder $Log), 'ip', 'netns', 'exec', $Network.Namespace, $Command) + $Arguments) {
        $info.ArgumentList.Add($argument)
    }
    $Network.Processes.Add([Diagnostics.Process]::Start($info))
}

function Wait-Listening {
    param($Network, [string[]] $EndPoints)
    $deadline = [datetime]::UtcNow.AddSeconds(60)
    while ($true) {
        $listening = (& ip netns exec $Network.Namespace ss -Hltnu) -join "`n"
        $missing = @($EndPoints | Where-Object { $listening -notmatch [regex]::Escape($_) })
        if (-not $missing) { return }
        $exited = @($Network.Processes | Where-Object HasExited)
        if ($exited -or [datetime]::UtcNow -gt $deadline) {
            $logs = Get-ChildItem $Network.Folder -Filter *.log | ForEach-Object { "--- $($_.Name)`n" + (Get-Content -Raw $_.FullName) }
            throw "The test servers did not start (not listening: $($missing -join ', ')).`n$($logs -join "`n")"
        }
        Start-Sleep -Milliseconds 200
    }
}

function Invoke-InTestNetwork {
    # Runs a command inside the namespace, with the test root trusted as if it were public (SSL_CERT_FILE).
    param($Network, [string[]] $Command, [switch] $NoTrust)
    [string[]] $environment = if ($NoTrust) { @() } else { "SSL_CERT_FILE=$($Network.RootCertificate)" }
    & ip netns exec $Network.Namespace env @environment @Command
}

function Stop-TestNetwork {
    param($Network)
    foreach ($process in $Network.Processes) {
        if (-not $process.HasExited) {
            try { $process.Kill($true) } catch { Write-Verbose "stopping $($process.Id): $_" }
            [void]$process.WaitForExit(10000)
        }
    }
    & ip netns del $Network.Namespace 2>$null
    Remove-Item -Recurse -Force "/etc/netns/$($Network.Namespace)" -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Network.Folder -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function Start-TestNetwork, Stop-TestNetwork, Invoke-InTestNetwork, Test-TestNetworkPrerequisite, Get-PolicyText, New-TestCertificate, Save-TestCertificate
