# Import-TlsRptReport -ImapServer against a real IMAP server: Dovecot bound to 127.0.0.1 with a certificate from a
# test CA, a throwaway user per test, and Maildirs seeded as reporters send (RFC 8460 §5.3): JSON, gzip in base64,
# quoted-printable; one report delivered twice; a mail that is not a report; a damaged report; a huge attachment.
# Dovecot is stopped by PID. Skipped, with the reason, where Dovecot cannot run (it needs root and Debian's dovecot-imapd).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestImap.psm1') -Force
    $skipReason = Test-TestImapPrerequisite
    $skip = [bool]$skipReason
    if ($skip) { Write-Warning "IMAP tests skipped: $skipReason" }
}

BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'TestImap.psm1') -Force
    $script:fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'
    if (Test-TestImapPrerequisite) { return }

    # RFC 2045 §6.7: the UTF-8 bytes, '=' and non-ASCII as =XX, lines under 76 characters with soft breaks.
    function ConvertTo-QuotedPrintable([string] $Text) {
        $out = [Text.StringBuilder]::new()
        $length = 0
        foreach ($byte in [Text.Encoding]::UTF8.GetBytes($Text)) {
            if ($byte -eq 13) { continue }
            if ($byte -eq 10) { [void]$out.Append("`r`n"); $length = 0; continue }
            $piece = if ($byte -eq 61 -or $byte -gt 126 -or ($byte -lt 32 -and $byte -ne 9)) { '={0:X2}' -f $byte } else { [string][char]$byte }
            if ($length + $piece.Length -gt 75) { [void]$out.Append("=`r`n"); $length = 0 }
            [void]$out.Append($piece)
            $length += $piece.Length
        }
        $out.ToString()
    }

    function Get-Gzip([byte[]] $Bytes) {
        $output = [IO.MemoryStream]::new()
        $gzip = [IO.Compression.GZipStream]::new($output, [IO.Compression.CompressionLevel]::Optimal, $true)
        $gzip.Write($Bytes, 0, $Bytes.Length); $gzip.Dispose()
        $output.ToArray()
    }

    # The seven mails every user's INBOX starts with, and a Read folder to move to.
    $json = [IO.File]::ReadAllText((Join-Path $fixtures 'rfc8460-example.json'))
    $google = [IO.File]::ReadAllBytes((Join-Path $fixtures 'google-shaped.json'))
    $gzip = [Convert]::ToBase64String((Get-Gzip $google), [Base64FormattingOptions]::InsertLineBreaks)
    $microsoft = [IO.File]::ReadAllText((Join-Path $fixtures 'microsoft-shaped.json')).Replace('Microsoft Corporation', 'Microsoft Corporation — Relatórios')
    $huge = [byte[]]::new(15MB); [Random]::new(8460).NextBytes($huge)
    $mails = [ordered]@{
        '1-json'      = New-TestReportMail 'json' 'application/tlsrpt+json' '7bit' $json
        '2-gzip'      = New-TestReportMail 'gzip' 'application/tlsrpt+gzip' 'base64' $gzip
        '3-qp'        = New-TestReportMail 'qp' 'application/tlsrpt+json; charset=utf-8' 'quoted-printable' (ConvertTo-QuotedPrintable $microsoft)
        '4-gzip-copy' = New-TestReportMail 'gzip-again' 'application/tlsrpt+gzip' 'base64' $gzip
        '5-not'       = "From: someone@example.net`r`nTo: reports@example.com`r`nSubject: hello`r`nMessage-ID: <hello@example.net>`r`n`r`nNot a report.`r`n"
        '6-damaged'   = New-TestReportMail 'damaged' 'application/tlsrpt+json' '7bit' '{"organization-name": "Broken", "date-range": {'
        '7-huge'      = New-TestReportMail 'huge' 'application/tlsrpt+gzip' 'base64' ([Convert]::ToBase64String($huge, [Base64FormattingOptions]::InsertLineBreaks))
    }
    $perUser = [ordered]@{}
    foreach ($user in 'all', 'move', 'flag', 'whatif', 'example') { $perUser[$user] = $mails }
    $script:server = Start-TestImapServer -Folder (Join-Path $TestDrive 'dovecot') -Mail $perUser
    $script:imaps = $server.ImapsPort
    $script:imap = $server.ImapPort
    $script:caFile = $server.CaFile

    function Get-TestCredential([string] $User) { Get-TestImapCredential $User }

    # Reads a user's folder; returns the reports, the errors and the verbose lines apart.
    function Invoke-Import([string] $User, [hashtable] $With = @{}) {
        $output = Import-TlsRptReport -ImapServer localhost -Port $imaps -Credential (Get-TestCredential $User) -TrustedRootCertificate $caFile @With -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 4>&1
        [pscustomobject]@{
            Reports = @($output | Where-Object { $_.PSObject.TypeNames[0] -eq 'MtaSts.TlsRpt.TlsRptReport' })
            Errors  = @($failed)
            Verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }
    }
}

AfterAll {
    Stop-TestImapServer $server
}

Describe 'Import-TlsRptReport from a Dovecot IMAP mailbox' -Skip:$skip {
    It 'reads JSON, gzip in base64 and quoted-printable reports (RFC 8460 §5.3), drops the copy, reports the bad mails and goes on' {
        $run = Invoke-Import 'all'
        ($run.Reports.OrganizationName | Sort-Object) | Should -Be @('Company-X', 'Google Inc.', 'Microsoft Corporation — Relatórios')
        $run.Reports[0].Source | Should -Match '^imap://all%40example\.com@localhost:\d+/INBOX;UID=\d+$'
        @($run.Verbose | Where-Object { $_ -like '*was read already*' }).Count | Should -Be 1 -Because 'the report delivered twice counts once'
        ($run.Errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object) | Should -Be @('TlsRptReportInvalid', 'TlsRptReportInvalid', 'TlsRptReportTooLarge')
        ($run.Errors | Where-Object FullyQualifiedErrorId -like 'TlsRptReportTooLarge*').Exception.Message | Should -Match 'not downloaded'
    }

    It 'moves the mails whose report was read, copies included, and leaves the bad ones' {
        $run = Invoke-Import 'move' @{ MoveTo = 'Read' }
        $run.Reports.Count | Should -Be 3
        $inbox = Invoke-Import 'move'
        $inbox.Reports.Count | Should -Be 0
        $inbox.Errors.Count | Should -Be 3
        $read = Invoke-Import 'move' @{ Folder = 'Read' }
        $read.Reports.Count | Should -Be 3
        @($read.Verbose | Where-Object { $_ -like '*was read already*' }).Count | Should -Be 1
        @($read.Verbose | Where-Object { $_ -like 'Found 4 messages*' }).Count | Should -Be 1
    }

    It 'marks what it read as seen, so that -UnreadOnly reads only the rest next time' {
        (Invoke-Import 'flag' @{ MarkAsRead = $true; UnreadOnly = $true }).Reports.Count | Should -Be 3
        $next = Invoke-Import 'flag' @{ UnreadOnly = $true }
        $next.Reports.Count | Should -Be 0
        $next.Errors.Count | Should -Be 3 -Because 'the bad mails keep no \Seen flag'
        (Invoke-Import 'flag').Reports.Count | Should -Be 3 -Because 'without -UnreadOnly every message is read again'
    }

    It 'changes nothing in the mailbox with -WhatIf' {
        $null = Invoke-Import 'whatif' @{ MarkAsRead = $true; MoveTo = 'Read'; WhatIf = $true }
        (Invoke-Import 'whatif' @{ UnreadOnly = $true }).Reports.Count | Should -Be 3
    }

    It 'speaks STARTTLS on the plain port (RFC 9051 §6.2.1)' {
        $reports = Import-TlsRptReport -ImapServer localhost -Port $imap -TlsMode StartTls -Credential (Get-TestCredential 'all') -TrustedRootCertificate $caFile -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 3
    }

    It 'refuses a certificate it does not trust, a wrong password, an unknown folder and a server without XOAUTH2' {
        { Import-TlsRptReport -ImapServer localhost -Port $imaps -Credential (Get-TestCredential 'all') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TlsRptMailboxFailed,*'
        $wrong = [pscredential]::new('all@example.com', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $failure = { Import-TlsRptReport -ImapServer localhost -Port $imaps -Credential $wrong -TrustedRootCertificate $caFile -ErrorAction Stop } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure = { Import-TlsRptReport -ImapServer localhost -Port $imaps -Credential (Get-TestCredential 'all') -TrustedRootCertificate $caFile -Folder Nope -ErrorAction Stop } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.Exception.Message | Should -Match "'Nope' does not exist"
        $failure = { Import-TlsRptReport -ImapServer localhost -Port $imaps -Credential (Get-TestCredential 'all') -Authentication OAuth2 -TrustedRootCertificate $caFile -ErrorAction Stop } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'runs the IMAP example of Import-TlsRptReport''s help as written' {
        $page = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/en-US/Import-TlsRptReport.md')
        $code = [regex]::Match($page, '(?ms)^### Example 3:[^\n]*\s+```powershell\r?\n(.*?)\r?\n```').Groups[1].Value
        $code | Should -Match '-ImapServer imap\.example\.com'
        function Get-Credential { Get-TestCredential 'example' }
        $code = $code.Replace('-ImapServer imap.example.com', "-ImapServer localhost -Port $imaps -TrustedRootCertificate '$caFile'")
        $ErrorActionPreference = 'Continue'
        Push-Location $TestDrive
        try {
            $first = & ([scriptblock]::Create($code)) 2>$null
            $second = & ([scriptblock]::Create($code)) 2>$null
        }
        finally {
            Pop-Location
        }
        @($first).Count | Should -Be 3
        @($second).Count | Should -Be 0 -Because 'the reports are marked as read and kept in the store'
        @([IO.File]::ReadAllLines((Join-Path $TestDrive 'tlsrpt-store.jsonl'))).Count | Should -Be 3
    }
}

Describe 'Import-TlsRptReport -Authentication OAuth2 on the wire' {
    BeforeAll {
        # Exchange Online and Gmail cannot be reached here, so a minimal IMAP server over TLS on 127.0.0.1 stands in for
        # them: it offers AUTH=XOAUTH2 with SASL-IR, records what the client authenticates with, and refuses it.
        Add-Type -TypeDefinition @'
using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

public static class FakeXoauth2Imap
{
    public static Task<string> ServeOnce(TcpListener listener, X509Certificate2 certificate) => Task.Run(() =>
    {
        using var client = listener.AcceptTcpClient();
        client.ReceiveTimeout = client.SendTimeout = 10000;
        using var tls = new SslStream(client.GetStream());
        tls.AuthenticateAsServer(certificate);
        var reader = new StreamReader(tls, Encoding.ASCII);
        var writer = new StreamWriter(tls, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        writer.WriteLine("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] stand-in ready");
        string authenticated = null;
        string line;
        while ((line = reader.ReadLine()) != null)
        {
            var parts = line.Split(new[] { ' ' }, 3);
            string command = parts.Length > 1 ? parts[1].ToUpperInvariant() : string.Empty;
            if (command == "CAPABILITY") { writer.WriteLine("* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2"); writer.WriteLine(parts[0] + " OK done"); }
            else if (command == "AUTHENTICATE") { authenticated = parts.Length > 2 ? parts[2] : string.Empty; writer.WriteLine(parts[0] + " NO [AUTHENTICATIONFAILED] stand-in refuses"); }
            else if (command == "LOGOUT") { writer.WriteLine("* BYE"); writer.WriteLine(parts[0] + " OK bye"); break; }
            else { writer.WriteLine(parts[0] + " BAD unknown"); }
        }
        return authenticated;
    });
}
'@
        Import-Module (Join-Path $PSScriptRoot 'TestNetwork.psm1') -Force
        $script:ca = New-TestCertificate -Subject 'MtaSts XOAUTH2 test CA' -Ca
        $leaf = New-TestCertificate -Subject 'localhost' -DnsName localhost -Issuer $ca.Certificate
        # SslStream on Linux serves a certificate whose key it can export; a PKCS#12 round trip gives it one.
        $script:serverCertificate = [Security.Cryptography.X509Certificates.X509Certificate2]::new($leaf.Certificate.Export('Pkcs12'), [string]$null,
            [Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
    }

    It 'sends SASL XOAUTH2 as Google and Microsoft document it: the user, then the access token as a Bearer, from the credential' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $served = [FakeXoauth2Imap]::ServeOnce($listener, $serverCertificate)
            $token = 'ya29.a0-stand-in-token'
            $credential = [pscredential]::new('tlsrpt@example.com', (ConvertTo-SecureString $token -AsPlainText -Force))
            $failure = { Import-TlsRptReport -ImapServer localhost -Port $listener.LocalEndpoint.Port -Credential $credential -Authentication OAuth2 `
                    -TrustedRootCertificate $ca.Certificate -TimeoutSec 10 -ErrorAction Stop } | Should -Throw -PassThru
            $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $served.Wait(10000) | Should -BeTrue
            $sent = $served.Result
        }
        finally {
            $listener.Stop()
        }

        $sent | Should -Match '^XOAUTH2 '
        [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($sent.Substring(8))) | Should -Be "user=tlsrpt@example.com`u{1}auth=Bearer $token`u{1}`u{1}"
    }
}
