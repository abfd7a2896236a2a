BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
}

Describe 'New-MtaStsPolicy' {
    It 'writes the exact bytes of the issue example through Export-MtaStsPolicy -Path' {
        $site = Join-Path $TestDrive 'site'
        New-MtaStsPolicy -Domain example.com -Mode Enforce -Mx mail.example.com, *.mail.example.com | Export-MtaStsPolicy -Path $site
        $bytes = [IO.File]::ReadAllBytes((Join-Path $site '.well-known/mta-sts.txt'))
        $expected = [Text.Encoding]::ASCII.GetBytes("version: STSv1`r`nmode: enforce`r`nmx: mail.example.com`r`nmx: *.mail.example.com`r`nmax_age: 604800`r`n")
        $bytes | Should -Be $expected
    }

    It 'defaults to testing and one week (RFC 8461 §5, §3.2)' {
        $policy = New-MtaStsPolicy -Mx mail.example.com
        $policy.Mode | Should -Be 'Testing'
        $policy.MaxAge | Should -Be 604800
        $policy.Domain | Should -BeNullOrEmpty
    }

    It 'carries the domain, the policy host and the URL' {
        $policy = New-MtaStsPolicy -Domain Example.COM. -Mx mail.example.com
        $policy.Domain | Should -Be 'example.com'
        $policy.PolicyHost | Should -Be 'mta-sts.example.com'
        $policy.PolicyUrl | Should -Be 'https://mta-sts.example.com/.well-known/mta-sts.txt'
    }

    It 'builds one policy from MX records piped from Resolve-DnsName (NameExchange)' {
        $records = @(
            [pscustomobject]@{ Name = 'example.com'; Type = 'MX'; NameExchange = 'mx2.example.com'; Preference = 20 }
            [pscustomobject]@{ Name = 'example.com'; Type = 'MX'; NameExchange = 'MX1.example.com.'; Preference = 10 }
        )
        $policies = @($records | New-MtaStsPolicy -Domain example.com)
        $policies.Count | Should -Be 1
        $policies[0].Mx.Value | Should -Be @('mx2.example.com', 'mx1.example.com')
    }

    It 'takes MX records from DnsClient (Exchange) and plain strings' {
        ([pscustomobject]@{ Exchange = 'mail.example.com.' } | New-MtaStsPolicy).Mx.Value | Should -Be 'mail.example.com'
        ('a.example.com', 'b.example.com', 'a.example.com' | New-MtaStsPolicy).Mx.Value | Should -Be @('a.example.com', 'b.example.com')
    }

    It 'takes a real DnsClient MxRecord by its Exchange name, not its text' {
        Add-Type -Path (Join-Path $env:MTASTS_NUGET_PACKAGES 'dnsclient/1.6.1/lib/netstandard2.0/DnsClient.dll')
        $info = [DnsClient.Protocol.ResourceRecordInfo]::new('example.com.', [DnsClient.Protocol.ResourceRecordType]::MX, [DnsClient.QueryClass]::IN, 300, 0)
        $record = [DnsClient.Protocol.MxRecord]::new($info, 10, [DnsClient.DnsString]::Parse('mx1.example.com.'))
        ($record | New-MtaStsPolicy).Mx.Value | Should -Be 'mx1.example.com'
    }

    It 'keeps the MX list of a piped policy and its max_age unless given (Import-MtaStsPolicy | New-MtaStsPolicy)' {
        $deployed = New-MtaStsPolicy -Mx mx1.example.com, '*.backup.example.com' -Domain example.com
        $next = $deployed | New-MtaStsPolicy -Mode Enforce
        $next.Domain | Should -Be 'example.com'
        $next.Mx.Value | Should -Be @('mx1.example.com', '*.backup.example.com')
        (New-MtaStsPolicy -Mx $deployed.Mx).Mx.Value | Should -Be @('mx1.example.com', '*.backup.example.com')
    }

    It 'refuses a piped <Kind> with a message that says what binds, and never puts its text in a policy' -ForEach @(
        @{ Kind = 'hashtable'; Value = @{ Domain = 'example.com'; Mx = 'mail.example.com' }; Message = '*hashtable*pscustomobject*' }
        @{ Kind = 'folder'; Value = [IO.DirectoryInfo]::new('/tmp'); Message = '*DirectoryInfo*NameExchange*' }
        @{ Kind = 'nested object'; Value = [pscustomobject]@{ Exchange = [pscustomobject]@{ Name = 'x' } }; Message = '*PSCustomObject*' }
    ) {
        $policies = @($Value | New-MtaStsPolicy -Mode Enforce -ErrorVariable errors -ErrorAction SilentlyContinue)
        $policies | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike $Message
        ($errors | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match 'is not a valid MX pattern'
    }

    It 'refuses a hashtable piped into the record cmdlets and the checker, naming -Domain' {
        @{ Domain = 'example.com' } | New-MtaStsTxtRecord -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*hashtable*-Domain*'
        @{ Domain = 'example.com' } | New-TlsRptRecord -Rua mailto:r@example.com -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*hashtable*-Domain*'
        @{ Domain = 'example.com' } | Test-MtaStsDomain -DnsServer 127.0.0.1:9 -TimeoutSec 1 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*hashtable*-Domain*'
    }

    It 'gives one policy per domain for rows that carry a Domain (Import-Csv)' {
        $rows = @(
            [pscustomobject]@{ Domain = 'a.example'; Mx = 'mx1.a.example' }
            [pscustomobject]@{ Domain = 'a.example'; Mx = 'mx2.a.example' }
            [pscustomobject]@{ Domain = 'b.example'; Mx = 'mx.b.example' }
        )
        $policies = @($rows | New-MtaStsPolicy -Mode Enforce)
        $policies.Count | Should -Be 2
        $policies[0].Domain | Should -Be 'a.example'
        $policies[0].Mx.Value | Should -Be @('mx1.a.example', 'mx2.a.example')
        $policies[1].PolicyHost | Should -Be 'mta-sts.b.example'
    }

    It 'takes Mode and MaxAge from each row, one row per MX (Import-Csv)' {
        $rows = ConvertFrom-Csv @'
Domain,Mode,MaxAge,Mx
a.example,enforce,1209600,*.mail.protection.outlook.com
b.example,testing,86400,mx1.b.example
b.example,testing,86400,mx2.b.example
c.example,none,86400,mx.c.example
'@
        $policies = @($rows | New-MtaStsPolicy)
        $policies.Domain | Should -Be @('a.example', 'b.example', 'c.example')
        "$($policies.Mode)" | Should -Be 'Enforce Testing None'
        $policies.MaxAge | Should -Be @(1209600, 86400, 86400)
        $policies[1].Mx.Value | Should -Be @('mx1.b.example', 'mx2.b.example')
    }

    It 'refuses rows of one domain that disagree on Mode or MaxAge, and goes on with the others (RFC 8461 §3.2)' {
        $rows = @(
            [pscustomobject]@{ Domain = 'a.example'; Mode = 'Enforce'; Mx = 'mx1.a.example' }
            [pscustomobject]@{ Domain = 'a.example'; Mode = 'Testing'; Mx = 'mx2.a.example' }
            [pscustomobject]@{ Domain = 'b.example'; Mode = 'Enforce'; Mx = 'mx.b.example' }
        )
        $policies = @($rows | New-MtaStsPolicy -ErrorVariable errors -ErrorAction SilentlyContinue)
        $policies.Domain | Should -Be 'b.example'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyRowsDisagree,*'
        $errors[0].Exception.Message | Should -BeLike "*a.example*Enforce*Testing*"
    }

    It 'runs a spreadsheet through one pipeline: Import-Csv | New-MtaStsPolicy | Export-MtaStsPolicy -PassThru | New-MtaStsTxtRecord' {
        $csv = Join-Path $TestDrive 'domains.csv'
        Set-Content -LiteralPath $csv -Value @(
            'Domain,Mode,MaxAge,Mx'
            'a.example,enforce,1209600,*.mail.protection.outlook.com'
            'b.example,testing,604800,mx1.b.example'
            'b.example,testing,604800,mx2.b.example'
        )
        $sites = Join-Path $TestDrive 'sites'
        $records = Import-Csv $csv | New-MtaStsPolicy | Export-MtaStsPolicy -LiteralPath { Join-Path $sites $_.Domain } -PassThru | New-MtaStsTxtRecord
        $records.Fqdn | Should -Be @('_mta-sts.a.example', '_mta-sts.b.example')
        $a = Import-MtaStsPolicy -LiteralPath (Join-Path $sites 'a.example')
        "$($a.Mode) $($a.MaxAge)" | Should -Be 'Enforce 1209600'
        $b = Import-MtaStsPolicy -LiteralPath (Join-Path $sites 'b.example')
        "$($b.Mode) $($b.MaxAge) $($b.Mx.Value)" | Should -Be 'Testing 604800 mx1.b.example mx2.b.example'
    }

    It 'gives each of several domains a policy with the same MX patterns' {
        $policies = @(New-MtaStsPolicy -Domain a.example, b.example -Mx '*.mail.provider.example')
        $policies.Domain | Should -Be @('a.example', 'b.example')
        $policies[1].Text | Should -Be $policies[0].Text
    }

    It 'skips only the domain whose MX is bad' {
        $rows = @(
            [pscustomobject]@{ Domain = 'a.example'; Mx = 'bad_mx.a.example' }
            [pscustomobject]@{ Domain = 'b.example'; Mx = 'mx.b.example' }
        )
        $policies = @($rows | New-MtaStsPolicy -ErrorVariable errors -ErrorAction SilentlyContinue)
        $policies.Domain | Should -Be 'b.example'
        $errors.Count | Should -Be 1
    }

    It 'reports empty input' {
        @() | New-MtaStsPolicy -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsMxRequired,*'
    }

    It 'converts U-labels to A-labels (RFC 8461 §3.2)' {
        (New-MtaStsPolicy -Mx 'mx.bücher.example').Mx.Value | Should -Be 'mx.xn--bcher-kva.example'
    }

    It 'accepts max_age as a TimeSpan' {
        (New-MtaStsPolicy -Mx mail.example.com -MaxAge (New-TimeSpan -Days 14)).MaxAge | Should -Be 1209600
    }

    It 'accepts max_age as a TimeSpan string or digits, as -TimeToLive does, and refuses units' {
        (New-MtaStsPolicy -Mx mail.example.com -MaxAge '14.00:00:00').MaxAge | Should -Be 1209600
        (New-MtaStsPolicy -Mx mail.example.com -MaxAge '86400').MaxAge | Should -Be 86400
        { New-MtaStsPolicy -Mx mail.example.com -MaxAge '1w' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
        { New-MtaStsPolicy -Mx mail.example.com -MaxAge '00:00:00.5' } | Should -Throw '*whole seconds*'
    }

    It 'warns when max_age is under one day' {
        $null = New-MtaStsPolicy -Mx mail.example.com -MaxAge 3600 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'under one day'
    }

    It 'uses one day and keeps the mx lines in mode None (RFC 8461 §8.3)' {
        $policy = New-MtaStsPolicy -Mode None -Mx mail.example.com
        $policy.MaxAge | Should -Be 86400
        $policy.Text | Should -Be "version: STSv1`r`nmode: none`r`nmx: mail.example.com`r`nmax_age: 86400`r`n"
    }

    It 'warns when mode None has no mx (chasquid)' {
        $null = New-MtaStsPolicy -Mode None -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'chasquid'
    }

    It 'refuses <Value> with <Id> and writes nothing' -ForEach @(
        @{ Value = 'mail example.com'; Id = 'MtaStsMxPatternInvalid'; Text = 'white space' }
        @{ Value = 'a.example.com,b.example.com'; Id = 'MtaStsMxPatternInvalid'; Text = 'separate value' }
        @{ Value = '[192.0.2.1]'; Id = 'MtaStsMxPatternInvalid'; Text = 'IP address' }
        @{ Value = '*.*.example.com'; Id = 'MtaStsMxPatternInvalid'; Text = 'first label' }
        @{ Value = "$('a' * 64).example.com"; Id = 'MtaStsMxPatternInvalid'; Text = '63' }
        @{ Value = 'mail_1.example.com'; Id = 'MtaStsMxPatternInvalid'; Text = 'underscore' }
        @{ Value = "mail.example.com`r`nmode: none"; Id = 'MtaStsMxPatternInvalid'; Text = 'line break' }
    ) {
        $output = New-MtaStsPolicy -Mx $Value -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be $Value
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($Text))
        $errors[0].Exception.Message | Should -Match 'RFC 8461'
    }

    It 'reports every bad MX and goes on to the end of the pipeline' {
        $output = 'good.example.com', 'bad_1.example.com', 'bad 2.example.com' | New-MtaStsPolicy -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $errors.Count | Should -Be 2
    }

    It 'refuses max_age out of range with MtaStsMaxAgeOutOfRange' {
        New-MtaStsPolicy -Mx mail.example.com -MaxAge 31557601 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsMaxAgeOutOfRange,*'
        $errors[0].Exception.Message | Should -Match '31557600'
    }

    It 'explains max_age with a unit' {
        { New-MtaStsPolicy -Mx mail.example.com -MaxAge 1w -ErrorAction Stop } | Should -Throw -ExpectedMessage '*whole seconds without units*'
    }

    It 'requires mx unless the mode is None' {
        New-MtaStsPolicy -Mode Enforce -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsMxRequired,*'
    }

    It 'refuses a bad domain' {
        New-MtaStsPolicy -Mx mail.example.com -Domain 'exa mple.com' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsDomainInvalid,*'
    }

    It 'answers Matches for MX hosts (RFC 8461 §4.1)' {
        $policy = New-MtaStsPolicy -Mx '*.mail.example.com'
        $policy.Matches('mx1.mail.example.com.') | Should -BeTrue
        $policy.Matches('a.b.mail.example.com') | Should -BeFalse
    }

    It 'shows the text and where to host it at the console' {
        $shown = New-MtaStsPolicy -Domain example.com -Mx mail.example.com | Out-String
        $shown | Should -Match 'https://mta-sts\.example\.com/\.well-known/mta-sts\.txt'
        $shown | Should -Match 'mode: testing'
    }
}
