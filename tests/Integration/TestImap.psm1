# A Dovecot IMAP server for tests and benchmarks: bound to 127.0.0.1 on free ports (implicit TLS and STARTTLS), a
# certificate for localhost from a CA of its own, throwaway users with Maildirs seeded by the caller, stopped by PID.
# Needs root (Dovecot changes to the mail user) and Debian's dovecot-imapd.
Import-Module (Join-Path $PSScriptRoot 'TestNetwork.psm1')

function Test-TestImapPrerequisite {
    if ($IsWindows -or (id -u) -ne 0) { return 'Dovecot runs here only as root on Linux' }
    if (-not (Test-Path /usr/sbin/dovecot)) { return 'Dovecot is not installed (.ci/run installs dovecot-imapd)' }
}

function Get-FreePort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
}

function Start-TestImapServer {
    # -Mail: user => ordered name => message text, each written into the user's INBOX; every user also has a Read folder.
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [System.Collections.IDictionary] $Mail)
    $root = (New-Item -ItemType Directory -Force $Folder).FullName
    New-Item -ItemType Directory -Force (Join-Path $root 'run'), (Join-Path $root 'state'), (Join-Path $root 'mail') | Out-Null
    $ca = New-TestCertificate -Subject 'MtaSts IMAP test CA' -Ca
    $leaf = New-TestCertificate -Subject 'localhost' -DnsName localhost -Issuer $ca.Certificate
    $saved = Save-TestCertificate -Folder $root -Name server -Pair $leaf
    $caFile = Join-Path $root 'ca.pem'
    [IO.File]::WriteAllText($caFile, $ca.Certificate.ExportCertificatePem())
    $imaps = Get-FreePort
    $imap = Get-FreePort
    Set-Content (Join-Path $root 'users') -Value ($Mail.Keys | ForEach-Object { "$_@example.com:{PLAIN}Throwaway-$_" })
    Set-Content (Join-Path $root 'dovecot.conf') -Value @"
base_dir = $root/run
state_dir = $root/state
log_path = $root/dovecot.log
instance_name = mtasts-imap-test-$imaps
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <$($saved.Certificate)
ssl_key = <$($saved.Key)
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
auth_failure_delay = 0
disable_plaintext_auth = yes
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 8
mail_location = maildir:$root/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $root/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$root/home/%u
}
service imap-login {
  inet_listener imap {
    port = $imap
  }
  inet_listener imaps {
    port = $imaps
    ssl = yes
  }
}
namespace inbox {
  inbox = yes
  separator = /
}
"@
    foreach ($user in $Mail.Keys) {
        $maildir = Join-Path $root "mail/$user@example.com"
        foreach ($sub in 'cur', 'new', 'tmp', '.Read/cur', '.Read/new', '.Read/tmp') { New-Item -ItemType Directory -Force (Join-Path $maildir $sub) | Out-Null }
        foreach ($name in $Mail[$user].Keys) {
            # Maildir names must not start with a dot, which marks a folder.
            [IO.File]::WriteAllText((Join-Path $maildir "new/1733270400.$name.test"), $Mail[$user][$name])
        }
    }
    & chown -R mail:mail (Join-Path $root 'mail')

    $info = [Diagnostics.ProcessStartInfo]::new('/usr/sbin/dovecot')
    foreach ($argument in '-F', '-c', (Join-Path $root 'dovecot.conf')) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($info)
    $deadline = [datetime]::UtcNow.AddSeconds(30)
    while (-not ((ss -Hltn) -match "127\.0\.0\.1:$imaps\s") -or -not ((ss -Hltn) -match "127\.0\.0\.1:$imap\s")) {
        if ($process.HasExited -or [datetime]::UtcNow -gt $deadline) {
            throw "Dovecot did not start: $(Get-Content -Raw (Join-Path $root 'dovecot.log') -ErrorAction Ignore)"
        }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{ Process = $process; ImapsPort = $imaps; ImapPort = $imap; CaFile = $caFile; Folder = $root }
}

function Get-TestImapCredential([string] $User) {
    [pscredential]::new("$User@example.com", (ConvertTo-SecureString "Throwaway-$User" -AsPlainText -Force))
}

# RFC 8460 §5.3: multipart/report with a text part and the report part, in the given transfer encoding.
function New-TestReportMail([string] $Id, [string] $Type, [string] $Encoding, [string] $Body) {
    "From: TLS reports <tlsrpt@reporter.example>`r`nTo: reports@example.com`r`nSubject: Report Domain: company-y.example Report-ID: <$Id>`r`n" +
    "Message-ID: <$Id@reporter.example>`r`nMIME-Version: 1.0`r`nContent-Type: multipart/report; report-type=`"tlsrpt`"; boundary=`"part`"`r`n`r`n" +
    "--part`r`nContent-Type: text/plain; charset=us-ascii`r`n`r`nThis is an aggregate TLS report.`r`n" +
    "--part`r`nContent-Type: $Type`r`nContent-Transfer-Encoding: $Encoding`r`nContent-Disposition: attachment; filename=`"report`"`r`n`r`n$Body`r`n--part--`r`n"
}

function Stop-TestImapServer($Server) {
    if ($Server -and -not $Server.Process.HasExited) {
        $Server.Process.Kill($true)
        [void]$Server.Process.WaitForExit(10000)
    }
}

Export-ModuleMember -Function Test-TestImapPrerequisite, Start-TestImapServer, Stop-TestImapServer, Get-TestImapCredential, New-TestReportMail
