<#
.SYNOPSIS
    Reports per second of Import-TlsRptReport -ImapServer, from a Dovecot on 127.0.0.1 seeded with -Count report mails.
.DESCRIPTION
    Needs root and Debian's dovecot-imapd (tests/Integration/TestImap.psm1 starts the server and stops it by PID).
    Half of the mails carry the report as JSON, half as gzip in base64, as reporters send them (RFC 8460 §5.3).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../tests/Integration/TestImap.psm1')
$reason = Test-TestImapPrerequisite
if ($reason) { throw "IMAP benchmark cannot run: $reason" }

$fixture = [IO.File]::ReadAllText((Join-Path $PSScriptRoot '../tests/MtaSts.Tests/Fixtures/rfc8460-example.json'))
$mails = [ordered]@{}
foreach ($i in 1..$Count) {
    $json = $fixture.Replace('5065427c-23d3-47ca-b6e0-946ea0e8c4be', "report-$i")
    $mails["m$i"] = if ($i % 2) { New-TestReportMail "r$i" 'application/tlsrpt+json' '7bit' $json }
    else {
        $output = [IO.MemoryStream]::new()
        $gzip = [IO.Compression.GZipStream]::new($output, [IO.Compression.CompressionLevel]::Optimal, $true)
        $bytes = [Text.Encoding]::UTF8.GetBytes($json); $gzip.Write($bytes, 0, $bytes.Length); $gzip.Dispose()
        New-TestReportMail "r$i" 'application/tlsrpt+gzip' 'base64' ([Convert]::ToBase64String($output.ToArray(), [Base64FormattingOptions]::InsertLineBreaks))
    }
}
$folder = Join-Path ([IO.Path]::GetTempPath()) ('mtasts-imap-bench-' + [guid]::NewGuid().ToString('N'))
$server = Start-TestImapServer -Folder $folder -Mail ([ordered]@{ bench = $mails })
try {
    $credential = Get-TestImapCredential 'bench'
    $common = @{ ImapServer = 'localhost'; Port = $server.ImapsPort; Credential = $credential; TrustedRootCertificate = $server.CaFile; ProgressAction = 'SilentlyContinue' }
    # A first pass lets Dovecot index the new Maildir, as a mailbox that receives mail daily already is.
    $null = Import-TlsRptReport @common
    foreach ($round in 1..3) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $read = 0
        Import-TlsRptReport @common | ForEach-Object { $read++ }
        $watch.Stop()
        [pscustomobject]@{ Round = $round; Mails = $Count; Reports = $read; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); ReportsPerSecond = [math]::Round($read / $watch.Elapsed.TotalSeconds) }
    }
}
finally {
    Stop-TestImapServer $server
    Remove-Item -Recurse -Force $folder -ErrorAction Ignore
}
