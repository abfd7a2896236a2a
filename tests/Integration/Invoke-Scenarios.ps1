# Runs inside the test network namespace (see TestNetwork.psm1): checks every scenario with the built module and
# with Debian's postfix-mta-sts-resolver, runs the documentation examples of the live cmdlets, and writes what it
# saw as JSON for Integration.Tests.ps1 to judge. It asserts nothing itself.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $NetworkJson,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$network = Get-Content -Raw $NetworkJson | ConvertFrom-Json
$zone = $network.Zone
$results = [ordered]@{}

function ConvertTo-Summary {
    param($Check)
    [ordered]@{
        Status   = "$($Check.Status)"
        Mode     = "$($Check.Mode)"
        Id       = $Check.Id
        Codes    = @($Check.Findings | Where-Object Severity -ne 'Info' | ForEach-Object Code)
        Errors   = @($Check.Findings | Where-Object Severity -eq 'Error' | ForEach-Object Code)
        Info     = @($Check.Findings | Where-Object Severity -eq 'Info' | ForEach-Object Code)
        Messages = @($Check.Findings | ForEach-Object { "$($_.Code): $($_.Message)" })
        Smtp     = @($Check.Smtp | ForEach-Object { "$($_.Host)=$($_.Status)" })
        SmtpAddresses = @($Check.Smtp.Addresses | ForEach-Object { "$($_.Address)=$($_.Status)" } | Sort-Object)
        Dane     = @($Check.Smtp | Where-Object Dane | ForEach-Object { "$($_.Host)=InUse:$($_.Dane.InUse),Authenticated:$($_.Dane.Authenticated)" })
        DaneMatches = @($Check.Smtp.Addresses | Where-Object { $null -ne $_.DaneMatches } | ForEach-Object { "$($_.Address)=$($_.DaneMatches)" })
        Covered  = @($Check.MxHosts | Where-Object Covered | ForEach-Object Host)
        Suggest  = @($Check.MxHosts | Where-Object { -not $_.Covered } | ForEach-Object Suggestion)
    }
}

function Get-PolicyVerdict {
    # Whether a sender would have a usable policy, as Get-MtaStsPolicy reports it: a policy and no error.
    param([string] $Domain, [hashtable] $Options = @{})
    $policy = Get-MtaStsPolicy $Domain -ErrorAction SilentlyContinue -ErrorVariable failures -WarningAction SilentlyContinue @Options
    [ordered]@{ Usable = [bool]($policy -and -not $failures); ErrorIds = @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }); Sha256 = $policy.Sha256 }
}

# Every scenario, at once, with the SMTP probe; the slow one gets a short timeout of its own below, and the DANE ones
# ask the validating resolver, as DANE senders do.
$dane = @('danematch', 'danemismatch', 'daneunsigned')
$domains = $network.Scenarios | Where-Object { $_ -ne 'slow' -and $_ -notin $dane } | ForEach-Object { "$_.$zone" }
foreach ($check in $domains | Test-MtaStsDomain -IncludeSmtp -TimeoutSec 5) {
    $results[$check.Domain.Split('.')[0]] = ConvertTo-Summary $check
}
foreach ($check in $dane | ForEach-Object { "$_.$zone" } | Test-MtaStsDomain -IncludeSmtp -TimeoutSec 5 -DnsServer $network.ValidatingResolver) {
    $results[$check.Domain.Split('.')[0]] = ConvertTo-Summary $check
}
$results['slow'] = ConvertTo-Summary (Test-MtaStsDomain "slow.$zone" -TimeoutSec 2)

# The format views' headers on the objects only a live check makes (tests/Pester/FormatViews.Tests.ps1 does the rest).
Import-Module (Join-Path $PSScriptRoot '../Pester/FormatViews.psm1')
$formatPath = Join-Path (Split-Path $ModulePath) 'MtaSts.format.ps1xml'
$good = Test-MtaStsDomain "good.$zone" -IncludeSmtp -TimeoutSec 5
$live = @($good, $good.PolicyFetch, $good.PolicyCertificate, $good.Smtp[0].Addresses[0], (Get-MtaStsPolicy "good.$zone" -TimeoutSec 5))
$results['viewHeaders'] = [ordered]@{
    Types      = @($live | ForEach-Object { $_.GetType().Name })
    Missing    = @($live | ForEach-Object { Get-HeaderNotProperty $formatPath $_ })
    CheckShown = ($good | Format-List | Out-String -Width 300)
}

# Our verdict on whether the policy is usable, next to postfix-mta-sts-resolver's (mta-sts-query prints VALID, NONE or FETCH_ERROR).
foreach ($name in $network.Scenarios) {
    $options = if ($name -eq 'slow') { @{ TimeoutSec = 2 } } else { @{} }
    $ours = Get-PolicyVerdict "$name.$zone" $options
    $theirs = (& mta-sts-query "$name.$zone" 2>&1) -join ' '
    $results[$name].PolicyUsable = $ours.Usable
    $results[$name].PolicyErrorIds = $ours.ErrorIds
    $results[$name].Resolver = $theirs
    $results[$name].ResolverUsable = $theirs -match 'STSFetchResult\.VALID'
}

# The fixtures themselves, seen by OpenSSL's client: how many certificates each policy host sends.
$results['sentChains'] = [ordered]@{}
foreach ($name in 'good', 'nointermediate') {
    $shown = '' | & openssl s_client -connect 127.0.0.1:443 -servername "mta-sts.$name.$zone" -showcerts 2>$null
    $results['sentChains'][$name] = ([regex]::Matches(($shown -join "`n"), 'BEGIN CERTIFICATE')).Count
}

# Hostile MX hosts, in a pwsh of their own so that its memory can be read: each check alone with -TimeoutSec 3, then a
# batch of 50 domains, half of them hostile, with a state file.
$hostileScript = Join-Path ([IO.Path]::GetDirectoryName($NetworkJson)) 'hostile.ps1'
Set-Content -LiteralPath $hostileScript -Value @'
param($ModulePath, $Zone, $StatePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = Test-MtaStsDomain "good.$Zone" -IncludeSmtp -TimeoutSec 3   # warm-up: loading and compiling are not the deadline's
$single = foreach ($name in 'hostilebanner', 'hostileehlo', 'hostiledrip') {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $check = Test-MtaStsDomain "$name.$Zone" -IncludeSmtp -TimeoutSec 3
    [ordered]@{ Name = $name; Seconds = $watch.Elapsed.TotalSeconds; Status = "$($check.Status)"; Codes = @($check.Findings | Where-Object Severity -ne 'Info' | ForEach-Object Code) }
}
$domains = @(1..25 | ForEach-Object { "d$_.bulk.test" }) + @(1..25 | ForEach-Object { @('hostilebanner', 'hostileehlo', 'hostiledrip')[$_ % 3] + ".$Zone" })
$batch = @($domains | Test-MtaStsDomain -IncludeSmtp -TimeoutSec 3 -ThrottleLimit 16 -StatePath $StatePath)
[ordered]@{
    Single = @($single)
    BatchCount = $batch.Count
    BatchPass = @($batch | Where-Object Status -eq 'Pass').Count
    StateWritten = Test-Path $StatePath
    PeakWorkingSetMB = [Math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
} | ConvertTo-Json -Depth 4 -Compress
'@
$hostileJson = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $hostileScript $ModulePath $zone (Join-Path ([IO.Path]::GetDirectoryName($NetworkJson)) 'hostile-state.json')
$results['hostile'] = ($hostileJson | Select-Object -Last 1) | ConvertFrom-Json -AsHashtable

# The missing intermediate, already in the user's intermediate store of the HOME the check runs with (as after an
# earlier download): the verdict must not change. The store lives in a HOME of its own, not the user's.
$home_ = Join-Path ([IO.Path]::GetDirectoryName($NetworkJson)) 'home-with-intermediate'
New-Item -ItemType Directory -Force $home_ | Out-Null
$cached = @'
param($ModulePath, $Intermediate, $Domain)
$ErrorActionPreference = 'Stop'
$store = [Security.Cryptography.X509Certificates.X509Store]::new('CA', 'CurrentUser')
$store.Open('ReadWrite'); $store.Add([Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem([IO.File]::ReadAllText($Intermediate))); $store.Close()
$store.Open('ReadOnly'); $seeded = $store.Certificates.Count -gt 0; $store.Close()
Import-Module $ModulePath
$check = Test-MtaStsDomain $Domain -TimeoutSec 5
[ordered]@{ Seeded = $seeded; Status = "$($check.Status)"; Codes = @($check.Findings | Where-Object Severity -ne 'Info' | ForEach-Object Code) } | ConvertTo-Json -Compress
'@
$cachedScript = Join-Path $home_ 'check.ps1'
Set-Content -LiteralPath $cachedScript -Value $cached
$previousHome = $env:HOME
try {
    $env:HOME = $home_
    $json = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $cachedScript $ModulePath $network.IntermediateCertificate "nointermediate.$zone"
}
finally {
    $env:HOME = $previousHome
}
$results['cachedIntermediate'] = ($json | Select-Object -Last 1) | ConvertFrom-Json -AsHashtable

# A private CA: trusted only when given, and only for that check, even when both run at the same time.
$privateRoot = $network.PrivateRootCertificate
$parallel = @(
    @{ Name = 'trusted'; Root = $privateRoot; Dns = $null; Domain = "privateca.$zone" }
    @{ Name = 'untrusted'; Root = $null; Dns = $null; Domain = "privateca.$zone" }
    @{ Name = 'deaddns'; Root = $null; Dns = '127.0.0.1:5399'; Domain = "good.$zone" }
    @{ Name = 'livedns'; Root = $null; Dns = '127.0.0.1:53'; Domain = "good.$zone" }
) | ForEach-Object -ThrottleLimit 4 -Parallel {
    Import-Module $using:ModulePath
    $options = @{ TimeoutSec = 2 }
    if ($_.Root) { $options.TrustedRootCertificate = $_.Root }
    if ($_.Dns) { $options.DnsServer = $_.Dns }
    $check = Test-MtaStsDomain $_.Domain @options
    [pscustomobject]@{ Name = $_.Name; Status = "$($check.Status)"; Codes = @($check.Findings | Where-Object Severity -ne 'Info' | ForEach-Object Code) }
}
$results['parallel'] = @{}
foreach ($item in $parallel) { $results['parallel'][$item.Name] = [ordered]@{ Status = $item.Status; Codes = $item.Codes } }

# Id drift: a state file, a policy edited in place under the same id, a second run.
$state = Join-Path $network.Folder 'state.json'
$first = Test-MtaStsDomain "drift.$zone" -StatePath $state
$policyFile = Join-Path $network.WebRoot 'drift/.well-known/mta-sts.txt'
[IO.File]::WriteAllText($policyFile, [IO.File]::ReadAllText($policyFile).Replace('max_age: 604800', 'max_age: 1209600'))
$second = Test-MtaStsDomain "drift.$zone" -StatePath $state
$results['driftRuns'] = [ordered]@{ First = ConvertTo-Summary $first; Second = ConvertTo-Summary $second; State = (Get-Content -Raw $state) }

# Runs that share one state file at the same time: four runs of five domains each, in runspaces of one process (the
# lock is per open file, so they contend as separate processes would). Each must keep what it saw.
$shared = Join-Path $network.Folder 'shared-state.json'
$null = 0..3 | ForEach-Object -ThrottleLimit 4 -Parallel {
    Import-Module $using:ModulePath
    $first = $_ * 5 + 1
    $first..($first + 4) | ForEach-Object { "d$_.bulk.test" } | Test-MtaStsDomain -StatePath $using:shared -TimeoutSec 3
}
$results['sharedState'] = @((Get-Content -Raw $shared | ConvertFrom-Json -AsHashtable).domains.Keys | Sort-Object { [int]($_ -replace '\D') })

# Policies from live DNS (New-MtaStsPolicy -FromDns), through the network's BIND and through a resolver that never answers.
$fromDns = @("twomx.$zone", "nullmx.$zone", "nomx.$zone", "missing.$zone") | ForEach-Object { [pscustomobject]@{ Domain = $_ } } |
    New-MtaStsPolicy -FromDns -Mode Enforce -DnsServer 127.0.0.1 -ErrorVariable fromDnsErrors -ErrorAction SilentlyContinue
$null = New-MtaStsPolicy -FromDns -Domain "twomx.$zone" -DnsServer 127.0.0.1:5399 -TimeoutSec 1 -ErrorVariable deadErrors -ErrorAction SilentlyContinue
$results['fromDns'] = [ordered]@{
    Policies = @($fromDns | ForEach-Object { [ordered]@{ Domain = $_.Domain; Mode = "$($_.Mode)"; Mx = @($_.Mx.Value) } })
    Errors = @($fromDnsErrors | ForEach-Object { [ordered]@{ Id = $_.FullyQualifiedErrorId.Split(',')[0]; Target = "$($_.TargetObject)" } })
    DeadDns = @($deadErrors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
}

# Rotation with nsupdate (RFC 2136, TSIG-signed) against a zone that starts with two _mta-sts records: each record's
# NsupdateText replaces its RRset in one update, so exactly one record is left, on the first run and on a re-run.
$rotation = @(
    New-MtaStsTxtRecord -Domain update.test -Id 20261202T000000Z
    New-TlsRptRecord -Domain update.test -Rua tlsrpt@update.test
)
$results['nsupdate'] = [ordered]@{}
foreach ($run in 'first', 'again') {
    $output = ("server 127.0.0.1 53`n" + ($rotation.NsupdateText -join '')) | & nsupdate -k $network.UpdateKey 2>&1
    $results['nsupdate'][$run] = [ordered]@{
        ExitCode = $LASTEXITCODE; Output = "$output"
        Sts = @(& dig +short '@127.0.0.1' _mta-sts.update.test TXT)
        TlsRpt = @(& dig +short '@127.0.0.1' _smtp._tls.update.test TXT)
    }
}

# The generated web server configurations serve nothing but the policy, and nothing over plain HTTP.
$results['webServers'] = [ordered]@{}
foreach ($site in @{ webnginx = '127.0.0.21'; webapache = '127.0.0.22'; webcaddy = '127.0.0.23' }.GetEnumerator()) {
    $policyHost = "mta-sts.$($site.Key).$zone"
    $resolve = "${policyHost}:443:$($site.Value)"
    $results['webServers'][$site.Key] = [ordered]@{
        Policy = "$(& curl -sk --resolve $resolve -o /dev/null -w '%{http_code} %{content_type}' "https://$policyHost/.well-known/mta-sts.txt")"
        Other = "$(& curl -sk --resolve $resolve -o /dev/null -w '%{http_code}' "https://$policyHost/index.html")"
        Http = "$(& curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://$($site.Value)/.well-known/mta-sts.txt")"
    }
}

# Pipeline input: Get-Content lines and Import-Csv rows.
$sandbox = New-Item -ItemType Directory -Force (Join-Path $network.Folder 'sandbox')
Set-Content (Join-Path $sandbox 'domains.txt') -Value "good.$zone", "testing.$zone", 'example.com'
@([pscustomobject]@{ Domain = "good.$zone"; Owner = 'a' }, [pscustomobject]@{ Domain = "notxt.$zone"; Owner = 'b' }) | Export-Csv (Join-Path $sandbox 'domains.csv')
$results['pipeline'] = [ordered]@{
    Lines = @(Get-Content (Join-Path $sandbox 'domains.txt') | Test-MtaStsDomain | Sort-Object Domain | ForEach-Object { "$($_.Domain)=$($_.Status)" })
    Rows  = @(Import-Csv (Join-Path $sandbox 'domains.csv') | Test-MtaStsDomain | Sort-Object Domain | ForEach-Object { "$($_.Domain)=$($_.Status)" })
}

# The documentation examples of the live cmdlets and of -FromDns, run here where example.com is served locally.
Copy-Item $privateRoot (Join-Path $sandbox 'staging-root.pem')
$docs = Join-Path $PSScriptRoot '../../docs/en-US'
$examples = [ordered]@{}
foreach ($page in 'Get-MtaStsPolicy', 'Test-MtaStsDomain', 'New-MtaStsPolicy') {
    $text = Get-Content -Raw (Join-Path $docs "$page.md")
    foreach ($match in [regex]::Matches($text, '(?ms)^### (Example \d+: [^\r\n]+)\s+```powershell\r?\n(.*?)\r?\n```')) {
        if ($page -eq 'New-MtaStsPolicy' -and $match.Groups[2].Value -notmatch '-FromDns') { continue }
        Push-Location $sandbox
        try {
            $output = @(& ([scriptblock]::Create($match.Groups[2].Value)) 2>&1)
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $examples["$page $($match.Groups[1].Value)"] = [ordered]@{ Ok = $true; Errors = $errors.Count; Output = ($output | Out-String -Width 200) }
        }
        catch {
            $examples["$page $($match.Groups[1].Value)"] = [ordered]@{ Ok = $false; Errors = 1; Output = "$_" }
        }
        finally {
            Pop-Location
        }
    }
}
$results['examples'] = $examples

# Bulk: the correct domains d<N>.bulk.test, with 32 checks at a time and with one.
if ($network.BulkCount -gt 0) {
    $bulk = 1..$network.BulkCount | ForEach-Object { "d$_.bulk.test" }
    $runs = [ordered]@{}
    foreach ($limit in 32, 1) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $checks = @($bulk | Test-MtaStsDomain -ThrottleLimit $limit)
        $watch.Stop()
        $runs["$limit"] = [ordered]@{
            Count = $checks.Count; Pass = @($checks | Where-Object Status -eq 'Pass').Count
            Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); PerSecond = [math]::Round($checks.Count / $watch.Elapsed.TotalSeconds, 1)
            Other = @($checks | Where-Object Status -ne 'Pass' | Select-Object -First 3 | ForEach-Object { "$($_.Domain): $($_.Findings.Code -join ',')" })
        }
        $checks = $null
        [GC]::Collect()
    }
    $runs['PeakWorkingSetMB'] = [math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
    $results['bulk'] = $runs
}

$results | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $OutFile
