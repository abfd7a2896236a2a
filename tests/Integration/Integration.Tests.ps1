# Live checks against real servers: BIND, nginx and a STARTTLS listener in a network namespace of their own
# (TestNetwork.psm1), with Debian's postfix-mta-sts-resolver as an independent client. Invoke-Scenarios.ps1 runs
# the checks inside the namespace; the assertions are here. Skipped, with the reason, where the servers cannot run.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestNetwork.psm1') -Force
    $skipReason = Test-TestNetworkPrerequisite
    $skip = [bool]$skipReason
    if ($skip) { Write-Warning "Integration tests skipped: $skipReason" }

    # Scenario => the codes its result must carry, and the overall status (RFC sections in the names).
    $scenarios = @(
        @{ Name = 'good'; Status = 'Pass'; Codes = @(); Rule = 'a correct enforce deployment' }
        @{ Name = 'webnginx'; Status = 'Pass'; Codes = @(); Rule = 'RFC 8461 §3.3: nginx with New-MtaStsWebServerConfig' }
        @{ Name = 'webapache'; Status = 'Pass'; Codes = @(); Rule = 'RFC 8461 §3.3: Apache with New-MtaStsWebServerConfig' }
        @{ Name = 'webcaddy'; Status = 'Pass'; Codes = @(); Rule = 'RFC 8461 §3.3: Caddy with New-MtaStsWebServerConfig' }
        @{ Name = 'testing'; Status = 'Warn'; Codes = @('TlsRptRecordMissing'); Rule = 'RFC 8461 §5: testing mode without TLS-RPT' }
        @{ Name = 'notxt'; Status = 'Fail'; Codes = @('MtaStsTxtRecordMissing'); Rule = 'RFC 8461 §3.1: no TXT record' }
        @{ Name = 'twotxt'; Status = 'Fail'; Codes = @('MtaStsTxtRecordCount'); Rule = 'RFC 8461 §3.1: two TXT records' }
        @{ Name = 'badid'; Status = 'Fail'; Codes = @('MtaStsIdInvalid'); Rule = 'RFC 8461 §3.1: an id with - and :' }
        @{ Name = 'nohost'; Status = 'Fail'; Codes = @('MtaStsPolicyHostMissing'); Rule = 'RFC 8461 §3.3: policy host NXDOMAIN' }
        @{ Name = 'notfound'; Status = 'Fail'; Codes = @('MtaStsPolicyHttpStatus'); Rule = 'RFC 8461 §3.3: 404' }
        @{ Name = 'redirect'; Status = 'Fail'; Codes = @('MtaStsPolicyRedirect'); Rule = 'RFC 8461 §3.3: a redirect' }
        @{ Name = 'html'; Status = 'Fail'; Codes = @('MtaStsPolicyContentType'); Rule = 'RFC 8461 §3.2: text/html' }
        @{ Name = 'notype'; Status = 'Fail'; Codes = @('MtaStsPolicyContentType'); Rule = 'RFC 8461 §3.2: no Content-Type' }
        @{ Name = 'charset'; Status = 'Warn'; Codes = @('MtaStsPolicyCharset'); Rule = 'RFC 8461 §3.2: charset other than utf-8' }
        @{ Name = 'htmlbody'; Status = 'Fail'; Codes = @('MtaStsPolicySyntaxInvalid'); Rule = 'RFC 8461 §3.2: an HTML body with 200' }
        @{ Name = 'bom'; Status = 'Fail'; Codes = @('MtaStsPolicyEncodingInvalid'); Rule = 'RFC 8461 §3.2: a byte order mark' }
        @{ Name = 'selfsigned'; Status = 'Fail'; Codes = @('MtaStsCertificateSelfSigned'); Rule = 'RFC 8461 §3.3: a self-signed certificate' }
        @{ Name = 'wrongname'; Status = 'Fail'; Codes = @('MtaStsCertificateNameMismatch'); Rule = 'RFC 8461 §3.3: a certificate for another name' }
        @{ Name = 'expired'; Status = 'Fail'; Codes = @('MtaStsCertificateExpired'); Rule = 'RFC 8461 §3.3: an expired certificate' }
        @{ Name = 'nointermediate'; Status = 'Fail'; Codes = @('MtaStsCertificateChainIncomplete'); Rule = 'RFC 8461 §3.3: a missing intermediate, reachable through the AIA URL' }
        @{ Name = 'mxnointermediate'; Status = 'Fail'; Codes = @('MtaStsCertificateChainIncomplete'); Rule = 'RFC 8461 §4.2: an MX that sends its leaf without the intermediate' }
        @{ Name = 'danematch'; Status = 'Pass'; Codes = @(); Rule = 'RFC 7672 §3.1, RFC 8461 §2: an MX with DNSSEC-signed TLSA records that match' }
        @{ Name = 'danemismatch'; Status = 'Fail'; Codes = @('MtaStsDaneTlsaMismatch'); Rule = 'RFC 7672 §3.1: signed TLSA records that match nothing' }
        @{ Name = 'daneunsigned'; Status = 'Warn'; Codes = @('MtaStsDaneTlsaUnsigned'); Rule = 'RFC 7672 §2.2: TLSA records without DNSSEC, which senders ignore' }
        @{ Name = 'hostilebanner'; Status = 'Fail'; Codes = @('MtaStsSmtpProtocol'); Rule = 'RFC 5321 §4.2.1: an MX whose banner never ends' }
        @{ Name = 'hostileehlo'; Status = 'Fail'; Codes = @('MtaStsSmtpProtocol'); Rule = 'RFC 5321 §4.2.1: an MX whose EHLO reply never ends' }
        @{ Name = 'hostiledrip'; Status = 'Fail'; Codes = @('MtaStsSmtpProtocol'); Rule = 'RFC 5321 §4.5.3.2: an MX that drips its banner past the time limit' }
        @{ Name = 'mxtwoaddresses'; Status = 'Fail'; Codes = @('MtaStsCertificateNameMismatch'); Rule = 'RFC 8461 §4.2, RFC 5321 §5.1: one of two MX addresses has a certificate for another name' }
        @{ Name = 'privateca'; Status = 'Fail'; Codes = @('MtaStsCertificateChainIncomplete'); Rule = 'RFC 8461 §3.3: a private CA not trusted' }
        @{ Name = 'large'; Status = 'Fail'; Codes = @('MtaStsPolicyTooLarge'); Rule = 'RFC 8461 §3.3: a body over 64 KiB' }
        @{ Name = 'slow'; Status = 'Fail'; Codes = @('MtaStsPolicyTimeout'); Rule = 'RFC 8461 §3.3: a server too slow' }
        @{ Name = 'uncovered'; Status = 'Fail'; Codes = @('MtaStsMxNotCovered', 'MtaStsMxPatternUnused'); Rule = 'RFC 8461 §4.1: an MX not covered in enforce' }
        @{ Name = 'uncoveredtesting'; Status = 'Warn'; Codes = @('MtaStsMxNotCovered', 'MtaStsMxPatternUnused'); Rule = 'RFC 8461 §4.1: an MX not covered in testing' }
        @{ Name = 'nostarttls'; Status = 'Fail'; Codes = @('MtaStsSmtpNoStartTls'); Rule = 'RFC 8461 §4.2: an MX without STARTTLS' }
        @{ Name = 'mxname'; Status = 'Fail'; Codes = @('MtaStsCertificateNameMismatch'); Rule = 'RFC 8461 §4.2: an MX certificate for another name' }
        @{ Name = 'cname'; Status = 'Pass'; Codes = @(); Rule = 'RFC 8461 §3.1: the TXT record behind a CNAME' }
        @{ Name = 'apex'; Status = 'Fail'; Codes = @('MtaStsTxtRecordMissing', 'MtaStsTxtRecordMisplaced'); Rule = 'RFC 8461 §3.1: the TXT record at the apex' }
        @{ Name = 'smtpclosed'; Status = 'Pass'; Codes = @(); Rule = 'RFC 8461 §4.2: port 25 unreachable is not tested, not failed' }
        @{ Name = 'requiresni'; Status = 'Fail'; Codes = @('MtaStsSmtpRequiresSni'); Rule = 'RFC 8461 §7.1: an MX that requires SNI' }
        @{ Name = 'misplacedfile'; Status = 'Fail'; Codes = @('MtaStsPolicyHttpStatus', 'MtaStsPolicyMisplaced'); Rule = 'RFC 8461 §3.2: the file at /mta-sts.txt instead of .well-known' }
        @{ Name = 'twoaddresses'; Status = 'Warn'; Codes = @('MtaStsPolicyAddressUnreachable'); Rule = 'RFC 8461 §3.3: one address of the policy host does not answer' }
    )

    # postfix-mta-sts-resolver does not check the id's grammar (it accepts '2026-01-01T00:00:00Z'), so it cannot judge
    # 'badid'; on every other scenario its verdict on whether the policy is usable must equal ours.
    $interop = $scenarios | Where-Object { $_.Name -ne 'badid' }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestNetwork.psm1') -Force
    if (Test-TestNetworkPrerequisite) { return }

    # What .NET keeps in the user's certificate stores (on Linux, issuers it once downloaded land in 'ca').
    function Get-CertificateStoreListing {
        $stores = Join-Path $HOME '.dotnet/corefx/cryptography/x509stores'
        @(Get-ChildItem -Recurse -File $stores -ErrorAction SilentlyContinue | ForEach-Object { "$($_.FullName) $($_.Length)" } | Sort-Object)
    }
    $stub = Join-Path $PSScriptRoot 'SmtpStub/bin/Release/net10.0/SmtpStub.dll'
    if (-not (Test-Path $stub)) { throw "The SMTP listener is not built ($stub); build.ps1 -Task Test builds it." }
    $script:certificateStores = Get-CertificateStoreListing
    $script:network = Start-TestNetwork -Root ([IO.Path]::GetTempPath()) -SmtpStub $stub -BulkCount 1000
    try {
        $networkJson = Join-Path $network.Folder 'network.json'
        $network | Select-Object * -ExcludeProperty Processes | ConvertTo-Json | Set-Content $networkJson
        $resultPath = Join-Path $network.Folder 'results.json'
        $runner = Join-Path $PSScriptRoot 'Invoke-Scenarios.ps1'
        $pwsh = [Environment]::ProcessPath
        $output = Invoke-InTestNetwork $network @($pwsh, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $runner,
            '-ModulePath', $env:MTASTS_MODULE_PATH, '-NetworkJson', $networkJson, '-OutFile', $resultPath) 2>&1
        if (-not (Test-Path $resultPath)) { throw "The scenario run wrote no results:`n$($output -join "`n")" }
        $script:results = Get-Content -Raw $resultPath | ConvertFrom-Json -AsHashtable
    }
    catch {
        Stop-TestNetwork $network
        throw
    }
}

AfterAll {
    if (Get-Variable network -Scope Script -ErrorAction SilentlyContinue) { Stop-TestNetwork $script:network }
}

Describe 'Test-MtaStsDomain against real servers' -Skip:$skip {
    It '<Rule> (<Name>): <Status> with <Codes>' -ForEach $scenarios {
        $result = $results[$Name]
        $result | Should -Not -BeNullOrEmpty
        $result.Status | Should -Be $Status -Because ($result.Messages -join "`n")
        @($result.Codes | Sort-Object -Unique) | Should -Be @($Codes | Sort-Object -Unique) -Because ($result.Messages -join "`n")
    }

    It 'serves the missing-intermediate fixture with the leaf alone, as openssl s_client sees it' {
        $results['sentChains']['good'] | Should -Be 2
        $results['sentChains']['nointermediate'] | Should -Be 1
    }

    It 'names the missing intermediate and says to send the full chain, for the policy host and the MX (RFC 8461 §3.3, §4.2)' {
        foreach ($name in 'nointermediate', 'mxnointermediate') {
            $message = $results[$name].Messages | Where-Object { $_ -like 'MtaStsCertificateChainIncomplete:*' }
            $message | Should -Match "CN=MtaSts Test Intermediate" -Because $name
            $message | Should -Match 'full chain' -Because $name
        }
        $results['mxnointermediate'].Smtp | Should -Be @('mx.mxnointermediate.mtasts.test=Failed')
    }

    It 'fails the missing intermediate even when this machine already holds it in the user''s intermediate store' {
        $results['cachedIntermediate'].Seeded | Should -BeTrue -Because 'the intermediate was in the CA store of the check''s HOME'
        $results['cachedIntermediate'].Status | Should -Be 'Fail'
        $results['cachedIntermediate'].Codes | Should -Contain 'MtaStsCertificateChainIncomplete'
    }

    It 'never fetches the intermediate from the AIA URL the leaves name (no request in the server''s access log)' {
        Test-Path $network.AiaLog | Should -BeTrue
        $probe = Invoke-InTestNetwork $network @('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://aia.mtasts.test/intermediate.cer') -NoTrust
        $probe | Should -Be '200' -Because 'the URL is reachable, so a client that fetched it would have succeeded'
        @(Get-Content $network.AiaLog) | Should -HaveCount 1 -Because 'only the probe above asked for it'
    }

    It 'leaves the user''s certificate store folders as they were' {
        Get-CertificateStoreListing | Should -Be $certificateStores
    }

    It 'names the uncovered MX host and the mx line that would cover it (RFC 8461 §4.1)' {
        $results['uncovered'].Suggest | Should -Be @('mx: mx.uncovered.mtasts.test')
        $results['uncovered'].Messages -join "`n" | Should -Match 'mx\.uncovered\.mtasts\.test \(preference 10\).*mx\.elsewhere\.mtasts\.test'
        $results['good'].Covered | Should -Be @('mx.good.mtasts.test')
    }

    It 'probes every MX with STARTTLS and SNI (RFC 8461 §4.2, §7.1)' {
        $results['good'].Smtp | Should -Be @('mx.good.mtasts.test=Passed')
        $results['nostarttls'].Smtp | Should -Be @('mx.nostarttls.mtasts.test=Failed')
        $results['mxname'].Smtp | Should -Be @('mx.mxname.mtasts.test=Failed')
        $results['smtpclosed'].Smtp | Should -Be @('mx.smtpclosed.mtasts.test=NotTested')
        $results['smtpclosed'].Info | Should -Contain 'MtaStsSmtpNotTested'
    }

    It 'shows under each view header a property of the same name on live results' {
        $results['viewHeaders'].Types | Should -Be @('MtaStsDomainCheck', 'PolicyFetchResult', 'CertificateReport', 'SmtpAddressProbe', 'MtaStsRemotePolicy')
        $results['viewHeaders'].Missing | Should -BeNullOrEmpty
        $results['viewHeaders'].CheckShown | Should -Match 'PolicyCertificate\s*:\s*mta-sts\.good\.mtasts\.test, expires \d{4}-\d\d-\d\d\r?\n'
    }

    It 'probes every address of an MX and names the one that fails (RFC 5321 §5.1)' {
        $results['mxtwoaddresses'].Smtp | Should -Be @('mx.mxtwoaddresses.mtasts.test=Failed')
        $results['mxtwoaddresses'].SmtpAddresses | Should -Be @('127.0.0.10=Passed', '127.0.0.12=Failed')
        $results['mxtwoaddresses'].Messages -join "`n" | Should -Match 'MtaStsCertificateNameMismatch: At 127\.0\.0\.12: '
        $results['good'].SmtpAddresses | Should -Be @('127.0.0.10=Passed')
    }

    It 'looks up TLSA with DNSSEC and says where DANE senders use DANE instead of MTA-STS (RFC 8461 §2, RFC 7672)' {
        $results['danematch'].Dane | Should -Be @('mxmatch.dane.test=InUse:True,Authenticated:True')
        $results['danematch'].DaneMatches | Should -Be @('127.0.0.10=True')
        $results['danematch'].Info | Should -Contain 'MtaStsDaneInUse'
        $results['danemismatch'].DaneMatches | Should -Be @('127.0.0.10=False')
        $results['danemismatch'].Smtp | Should -Be @('mxmismatch.dane.test=Failed')
        $results['daneunsigned'].Dane | Should -Be @('mx.daneunsigned.mtasts.test=InUse:False,Authenticated:False')
        $results['daneunsigned'].DaneMatches | Should -BeNullOrEmpty
        $results['good'].Dane | Should -BeNullOrEmpty
    }

    It 'ends each check of a hostile MX within -TimeoutSec plus one second, with a finding (<_>)' -ForEach 'hostilebanner', 'hostileehlo', 'hostiledrip' {
        $single = $results['hostile'].Single | Where-Object Name -eq $_
        $single.Status | Should -Be 'Fail'
        $single.Codes | Should -Contain 'MtaStsSmtpProtocol'
        $single.Seconds | Should -BeLessThan 4 -Because 'the dialogue has one absolute deadline of -TimeoutSec 3'
    }

    It 'returns all 50 results of a batch with half of the domains hostile, writes its state file, and stays under 300 MB' {
        $results['hostile'].BatchCount | Should -Be 50
        $results['hostile'].BatchPass | Should -Be 25
        $results['hostile'].StateWritten | Should -BeTrue
        $results['hostile'].PeakWorkingSetMB | Should -BeLessThan 300
    }

    It 'follows a CNAME to the TXT record and reads its id (RFC 8461 §3.1)' {
        $results['cname'].Id | Should -Be '20260101000000Z'
    }

    It 'reports a temporary DNS failure as Unknown, never as no policy (RFC 8461 §3.1)' {
        $results['parallel']['deaddns'].Status | Should -Be 'Unknown'
        $results['parallel']['deaddns'].Codes | Should -Not -Contain 'MtaStsTxtRecordMissing'
    }

    It 'keeps -DnsServer and -TrustedRootCertificate to the check that was given them, with checks running in parallel' {
        $results['parallel']['trusted'].Status | Should -Be 'Pass'
        $results['parallel']['untrusted'].Status | Should -Be 'Fail'
        $results['parallel']['livedns'].Status | Should -Be 'Pass'
    }

    It 'flags a policy changed under the same id on the next run with -StatePath (RFC 8461 §3.1, §8.1)' {
        $results['driftRuns'].First.Status | Should -Be 'Pass'
        $results['driftRuns'].Second.Codes | Should -Be @('MtaStsIdNotChanged')
        $results['driftRuns'].State | Should -Match '"drift\.mtasts\.test": \{ "id": "20260101000000Z", "sha256": "[0-9a-f]{64}"'
    }

    It 'keeps the domains of every run when four runs share one -StatePath at the same time' {
        $results['sharedState'] | Should -Be @(1..20 | ForEach-Object { "d$_.bulk.test" })
    }

    It 'builds a policy from the live MX set with -FromDns, and refuses Null MX, no MX and unknown answers (RFC 8461 §3.2, RFC 7505)' {
        $policies = $results['fromDns'].Policies
        $policies.Count | Should -Be 1
        $policies[0].Domain | Should -Be 'twomx.mtasts.test'
        $policies[0].Mode | Should -Be 'Enforce'
        $policies[0].Mx | Should -Be @('mx1.twomx.mtasts.test', 'backup.twomx.mtasts.test')
        ($results['fromDns'].Errors | ForEach-Object { "$($_.Id)=$($_.Target)" }) | Should -Be @(
            'MtaStsNullMx=nullmx.mtasts.test', 'MtaStsMxNone=nomx.mtasts.test', 'MtaStsMxNone=missing.mtasts.test')
        $results['fromDns'].DeadDns | Should -Be @('MtaStsDnsLookupFailed')
    }

    It 'rotates with the record''s NsupdateText, leaving exactly one record, on the first run and on a re-run (RFC 2136, RFC 8461 §3.1) (<_>)' -ForEach 'first', 'again' {
        $run = $results['nsupdate'][$_]
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Sts | Should -Be @('"v=STSv1; id=20261202T000000Z"')
        $run.TlsRpt | Should -Be @('"v=TLSRPTv1; rua=mailto:tlsrpt@update.test"')
    }

    It 'serves only the policy, as text/plain and over HTTPS only, with the <_> configuration (RFC 8461 §3.3)' -ForEach 'webnginx', 'webapache', 'webcaddy' {
        $site = $results['webServers'][$_]
        $site.Policy | Should -Match '^200 text/plain'
        $site.Other | Should -BeIn @('403', '404')
        $site.Http | Should -Be '000' -Because 'nothing listens on port 80 of the policy host'
    }

    It 'binds domains from Get-Content lines and from Import-Csv rows' {
        $results['pipeline'].Lines | Should -Be @('example.com=Pass', 'good.mtasts.test=Pass', 'testing.mtasts.test=Warn')
        $results['pipeline'].Rows | Should -Be @('good.mtasts.test=Pass', 'notxt.mtasts.test=Fail')
    }

    It 'checks 1,000 domains served by the local BIND and nginx, 32 at a time' {
        $results['bulk']['32'].Count | Should -Be 1000
        $results['bulk']['32'].Pass | Should -Be 1000 -Because ($results['bulk']['32'].Other -join "`n")
        $results['bulk']['1'].Pass | Should -Be 1000
        Write-Host ("    bulk: {0} domains/s at -ThrottleLimit 32, {1} at 1; peak working set {2} MB" -f $results['bulk']['32'].PerSecond, $results['bulk']['1'].PerSecond, $results['bulk']['PeakWorkingSetMB'])
    }
}

Describe 'Get-MtaStsPolicy against real servers' -Skip:$skip {
    It 'agrees with postfix-mta-sts-resolver on whether the policy of <Name> is usable' -ForEach $interop {
        $result = $results[$Name]
        $result.PolicyUsable | Should -Be $result.ResolverUsable -Because "mta-sts-query said: $($result.Resolver); we said: $($result.PolicyErrorIds -join ', ')"
    }

    It 'writes the redirect as the error MtaStsPolicyRedirect and returns no policy' {
        $results['redirect'].PolicyUsable | Should -BeFalse
        $results['redirect'].PolicyErrorIds | Should -Contain 'MtaStsPolicyRedirect'
    }
}

Describe 'Examples of the live cmdlets in docs/en-US, run against the local servers' -Skip:$skip {
    It '<_> runs' -ForEach @(
        'Get-MtaStsPolicy Example 1: Fetch the policy senders use'
        'Get-MtaStsPolicy Example 2: Keep a byte-exact copy of the live policy'
        'Get-MtaStsPolicy Example 3: Compare the policies of several domains'
        'Test-MtaStsDomain Example 1: Check one domain'
        'Test-MtaStsDomain Example 2: Read the findings'
        'Test-MtaStsDomain Example 3: Check many domains from a file'
        'Test-MtaStsDomain Example 4: Catch a policy changed without a new id'
        'Test-MtaStsDomain Example 5: Check a staging deployment behind a private CA'
        'Test-MtaStsDomain Example 6: List the findings as a table'
        'New-MtaStsPolicy Example 3: Build the policies from live DNS, on any platform'
    ) {
        $example = $results['examples'][$_]
        $example | Should -Not -BeNullOrEmpty -Because 'every example of the page was run'
        $example.Ok | Should -BeTrue -Because $example.Output
        $example.Errors | Should -Be 0 -Because $example.Output
    }

    It 'ran every example of the two pages and the -FromDns example' {
        $results['examples'].Count | Should -Be 10
    }
}
