BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:text = "version: STSv1`r`nmode: enforce`r`nmx: mail.example.com`r`nmax_age: 604800`r`n"
}

Describe 'ConvertFrom-MtaStsPolicy' {
    It 'parses policy text' {
        $policy = $text | ConvertFrom-MtaStsPolicy
        $policy.Mode | Should -Be 'Enforce'
        $policy.Mx.Value | Should -Be 'mail.example.com'
        $policy.MaxAge | Should -Be 604800
        $policy.Text | Should -Be $text
    }

    It 'reads lines piped one by one (Get-Content) as one policy' {
        $file = Join-Path $TestDrive 'lines.txt'
        [IO.File]::WriteAllText($file, $text)
        @(Get-Content $file | ConvertFrom-MtaStsPolicy).Count | Should -Be 1
    }

    It 'attaches -Domain' {
        ($text | ConvertFrom-MtaStsPolicy -Domain example.com).PolicyUrl | Should -Be 'https://mta-sts.example.com/.well-known/mta-sts.txt'
    }

    It 'reports <Case> with line <Line> and the rule' -ForEach @(
        @{ Case = 'a space before the colon'; Text = "version: STSv1`nmode : enforce`nmx: a.example.com`nmax_age: 86400`n"; Line = 2; Id = 'MtaStsPolicySyntaxInvalid' }
        @{ Case = 'a comma list'; Text = "version: STSv1`nmode: enforce`nmx: a.example.com, b.example.com`nmax_age: 86400`n"; Line = 3; Id = 'MtaStsMxPatternInvalid' }
        @{ Case = 'max_age with a unit'; Text = "version: STSv1`nmode: enforce`nmx: a.example.com`nmax_age: 1w`n"; Line = 4; Id = 'MtaStsPolicyFieldInvalid' }
        @{ Case = 'an empty policy'; Text = ''; Line = 1; Id = 'MtaStsPolicyFieldMissing' }
    ) {
        $Text | ConvertFrom-MtaStsPolicy -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Finding.Line | Should -Be $Line
        $errors[0].Exception.Message | Should -Match "^line $Line, column \d+: "
        $errors[0].Exception.Message | Should -Match 'RFC 8461 §3\.2'
    }

    It 'warns about a duplicate field with its line' {
        $null = "version: STSv1`nmode: testing`nmode: enforce`nmx: a.example.com`nmax_age: 86400`n" | ConvertFrom-MtaStsPolicy -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'line 3'
    }
}

Describe 'Import-MtaStsPolicy' {
    It 'reads a file and a web root' {
        $root = Join-Path $TestDrive 'site'
        $text | ConvertFrom-MtaStsPolicy | Export-MtaStsPolicy -Path $root
        (Import-MtaStsPolicy -Path $root).Mode | Should -Be 'Enforce'
        (Import-MtaStsPolicy -LiteralPath (Join-Path $root '.well-known/mta-sts.txt')).Mode | Should -Be 'Enforce'
        (Get-ChildItem (Join-Path $root '.well-known') | Import-MtaStsPolicy).Mode | Should -Be 'Enforce'
    }

    It 'refuses a file with a BOM, as strict senders do' {
        $file = Join-Path $TestDrive 'bom.txt'
        [IO.File]::WriteAllText($file, $text, [Text.UTF8Encoding]::new($true))
        Import-MtaStsPolicy -LiteralPath $file -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyEncodingInvalid,*'
        $errors[0].TargetObject | Should -Be $file
        $errors[0].ErrorDetails.Message | Should -Match 'byte order mark'
    }

    It 'refuses a 10 MB file without reading it all' {
        $file = Join-Path $TestDrive 'big.txt'
        $stream = [IO.File]::Create($file); $stream.SetLength(10MB); $stream.Dispose()
        Import-MtaStsPolicy -LiteralPath $file -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyTooLarge,*'
    }

    It 'reports a missing file and goes on with the others' {
        $good = Join-Path $TestDrive 'good.txt'
        [IO.File]::WriteAllText($good, $text)
        $result = Import-MtaStsPolicy -Path (Join-Path $TestDrive 'missing.txt'), $good -ErrorVariable errors -ErrorAction SilentlyContinue
        @($result).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyFileNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'ConvertFrom-MtaStsTxtRecord' {
    It 'parses a record value' {
        $record = 'v=STSv1; id=20260101120000Z' | ConvertFrom-MtaStsTxtRecord
        $record.Id | Should -Be '20260101120000Z'
        $record.Version | Should -Be 'STSv1'
    }

    It 'joins the Strings of a Resolve-DnsName record with no separator (RFC 8461 §3.1)' {
        $answer = [pscustomobject]@{ Name = '_mta-sts.example.com'; Type = 'TXT'; Strings = [string[]]@('v=STSv1; id=', '123') }
        ($answer | ConvertFrom-MtaStsTxtRecord).Id | Should -Be '123'
    }

    It 'round-trips a generated record' {
        (New-MtaStsTxtRecord example.com -Id abc | ConvertFrom-MtaStsTxtRecord).Id | Should -Be 'abc'
    }

    It 'reports <Case> with a column' -ForEach @(
        @{ Case = 'an ISO date id'; Value = 'v=STSv1; id=2026-01-01'; Id = 'MtaStsIdInvalid' }
        @{ Case = 'the version last'; Value = 'id=1; v=STSv1'; Id = 'MtaStsTxtRecordSyntaxInvalid' }
        @{ Case = 'no id'; Value = 'v=STSv1'; Id = 'MtaStsTxtRecordSyntaxInvalid' }
    ) {
        $Value | ConvertFrom-MtaStsTxtRecord -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].Exception.Message | Should -Match '^line 1, column \d+: '
        $errors[0].Exception.Message | Should -Match 'RFC 8461 §3\.1'
    }
}
