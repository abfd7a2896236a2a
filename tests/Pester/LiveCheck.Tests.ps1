# Test-MtaStsDomain and Get-MtaStsPolicy without servers: parameters, binding and failures that need no network.
# Every DNS question goes to 127.0.0.1:9, where nothing answers; tests/Integration checks against real servers.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:dead = @{ DnsServer = '127.0.0.1:9'; TimeoutSec = 1 }
    $script:root = Join-Path $TestDrive 'root.pem'
    $key = [System.Security.Cryptography.ECDsa]::Create()
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=Test Root', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256)
    [IO.File]::WriteAllText($root, $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays(1)).ExportCertificatePem())
}

Describe 'Test-MtaStsDomain without an answering resolver' {
    It 'gives Unknown, never "no policy", when DNS does not answer (RFC 8461 §3.1)' {
        $check = Test-MtaStsDomain example.com @dead
        # The engine's types live in the module's own load context, which PowerShell's type literals do not search.
        $check.GetType().FullName | Should -Be 'MtaSts.Checking.MtaStsDomainCheck'
        $check.Status | Should -Be 'Unknown'
        $check.Findings.Code | Should -Not -Contain 'MtaStsTxtRecordMissing'
        $check.Findings.Code | Select-Object -Unique | Should -Be 'MtaStsDnsLookupFailed'
    }

    It 'takes domains by value and by property name, one result each' {
        @('a.example', [pscustomobject]@{ Domain = 'b.example' }, [pscustomobject]@{ Name = 'c.example' }) |
            Test-MtaStsDomain @dead | Sort-Object Domain | ForEach-Object Domain | Should -Be @('a.example', 'b.example', 'c.example')
    }

    It 'reports an invalid domain in its result and goes on with the others' {
        $checks = 'bad domain', 'ok.example' | Test-MtaStsDomain @dead
        ($checks | Where-Object Domain -eq 'bad domain').Findings.Code | Should -Be 'MtaStsDomainInvalid'
        ($checks | Where-Object Domain -eq 'ok.example').Status | Should -Be 'Unknown'
    }

    It 'takes -TrustedRootCertificate as a path to a PEM file' {
        (Test-MtaStsDomain example.com -TrustedRootCertificate $root @dead).Status | Should -Be 'Unknown'
    }

    It 'refuses a -TrustedRootCertificate file that is not a certificate, naming it' {
        $bad = Join-Path $TestDrive 'not-a-certificate.pem'
        Set-Content $bad 'hello'
        { Test-MtaStsDomain example.com -TrustedRootCertificate $bad @dead } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand' -ExpectedMessage "*not-a-certificate.pem*"
    }

    It 'stops with MtaStsStateFileInvalid on a damaged -StatePath file, and writes a new one when there is none' {
        $damaged = Join-Path $TestDrive 'damaged.json'
        Set-Content $damaged '{ "domains": '
        { Test-MtaStsDomain example.com -StatePath $damaged @dead } | Should -Throw -ErrorId 'MtaStsStateFileInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand'
        $fresh = Join-Path $TestDrive 'fresh.json'
        Test-MtaStsDomain example.com -StatePath $fresh @dead | Out-Null
        (Get-Content -Raw $fresh | ConvertFrom-Json).version | Should -Be 1
        (Get-Content -Raw $fresh | ConvertFrom-Json).format | Should -Be 'MtaSts.PolicyState'
    }

    It 'never takes another program''s JSON, an array or a folder for its state file, and leaves them as they were' {
        $package = Join-Path $TestDrive 'package.json'
        Set-Content $package '{ "name": "site", "version": "1.0.0" }'
        $array = Join-Path $TestDrive 'array.json'
        Set-Content $array '[1,2,3]'
        foreach ($path in $package, $array) {
            $before = Get-Content -Raw $path
            { Test-MtaStsDomain example.com -StatePath $path @dead } | Should -Throw -ErrorId 'MtaStsStateFileInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand' -ExpectedMessage '*MtaSts.PolicyState*'
            Get-Content -Raw $path | Should -Be $before
        }
        { Test-MtaStsDomain example.com -StatePath $TestDrive @dead } | Should -Throw -ErrorId 'MtaStsStateFileInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand' -ExpectedMessage '*folder*'
    }

    It 'refuses a state file that is not UTF-8, and a -StatePath of another provider, before the run' {
        $latin = Join-Path $TestDrive 'latin1.json'
        [IO.File]::WriteAllBytes($latin, [byte[]](0x7B, 0x22, 0xE9, 0x22, 0x7D))
        { Test-MtaStsDomain example.com -StatePath $latin @dead } | Should -Throw -ErrorId 'MtaStsStateFileInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand'
        { Test-MtaStsDomain example.com -StatePath 'Env:\state' @dead } | Should -Throw -ErrorId 'MtaStsStateFileInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand' -ExpectedMessage '*provider*'
    }

    It 'accepts IPv4 and IPv6 resolvers with ports, and refuses names' {
        (Test-MtaStsDomain example.com -DnsServer '[::1]:9' -TimeoutSec 1).Status | Should -Be 'Unknown'
        { Test-MtaStsDomain example.com -DnsServer 'dns.example' } | Should -Throw -ErrorId 'MtaStsDnsServerInvalid,MtaSts.PowerShell.Commands.TestMtaStsDomainCommand'
    }

    It 'checks 40 domains with -ThrottleLimit 20 and returns each once' {
        $checks = 1..40 | ForEach-Object { "d$_.example" } | Test-MtaStsDomain -ThrottleLimit 20 @dead
        $checks.Count | Should -Be 40
        ($checks.Domain | Sort-Object -Unique).Count | Should -Be 40
    }
}

Describe 'Get-MtaStsPolicy without an answering resolver' {
    It 'writes MtaStsDnsLookupFailed as ResourceUnavailable and returns nothing' {
        $policy = Get-MtaStsPolicy example.com @dead -ErrorAction SilentlyContinue -ErrorVariable failures
        $policy | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MtaStsDnsLookupFailed,MtaSts.PowerShell.Commands.GetMtaStsPolicyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failures[0].TargetObject | Should -Be '_mta-sts.example.com'
    }
}
