# The life of a deployment on a temporary web root, as a scheduled script would drive it with Set-MtaStsPolicy:
# testing, enforce, an MX added and one removed, a back-out to none (RFC 8461 §3.1, §3.2, §8.3).
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:root = Join-Path $TestDrive 'mta-sts'
    $script:file = Join-Path $root '.well-known/mta-sts.txt'
    New-MtaStsPolicy -Domain example.com -Mx mx1.example.com | Export-MtaStsPolicy -Path $root

    function Get-ContentId([string] $Text) {
        $hash = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::ASCII.GetBytes($Text))
        ([Convert]::ToHexString($hash).ToLowerInvariant()).Substring(0, 32)
    }

    function Read-Policy { [IO.File]::ReadAllText($file) }
    $script:ids = [Collections.Generic.List[string]]::new()
}

Describe 'Set-MtaStsPolicy through the life of a deployment' {
    It 'moves testing to enforce: the exact bytes, and an id that is the content''s' {
        $change = Set-MtaStsPolicy -Path $root -Domain example.com -Mode Enforce
        $expected = "version: STSv1`r`nmode: enforce`r`nmx: mx1.example.com`r`nmax_age: 604800`r`n"
        Read-Policy | Should -BeExactly $expected
        $change.Changed | Should -BeTrue
        $change.Previous.Mode | Should -Be 'Testing'
        $change.Current.Mode | Should -Be 'Enforce'
        $change.Id | Should -Be (Get-ContentId $expected)
        $change.Record.Value | Should -Be "v=STSv1; id=$($change.Id)"
        $change.NextSteps[0] | Should -Match '_mta-sts\.example\.com'
        $ids.Add($change.Id)
    }

    It 'changes nothing when run again: same id, no write, nothing to publish' {
        $before = (Get-Item $file).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        $change = Set-MtaStsPolicy -Path $root -Domain example.com -Mode Enforce
        $change.Changed | Should -BeFalse
        $change.Id | Should -Be $ids[-1]
        (Get-Item $file).LastWriteTimeUtc | Should -Be $before
        $change.NextSteps | Should -Match 'Nothing to publish'
    }

    It 'adds an MX host with a new id' {
        $change = Set-MtaStsPolicy -Path $root -Domain example.com -AddMx mx2.example.com
        $change.Current.Mx.Value | Should -Be @('mx1.example.com', 'mx2.example.com')
        $change.Id | Should -Be (Get-ContentId (Read-Policy))
        $ids | Should -Not -Contain $change.Id
        $ids.Add($change.Id)
    }

    It 'removes an MX host with a new id' {
        $change = Set-MtaStsPolicy -FilePath $file -Domain example.com -RemoveMx mx1.example.com
        Read-Policy | Should -BeExactly "version: STSv1`r`nmode: enforce`r`nmx: mx2.example.com`r`nmax_age: 604800`r`n"
        $ids | Should -Not -Contain $change.Id
        $ids.Add($change.Id)
    }

    It 'refuses <Case>, and writes nothing' -ForEach @(
        @{ Case = 'an MX host the policy does not have'; Arguments = @{ RemoveMx = 'mx9.example.com' }; Id = 'MtaStsMxNotInPolicy' }
        @{ Case = 'removing the last MX in enforce mode'; Arguments = @{ RemoveMx = 'mx2.example.com' }; Id = 'MtaStsMxRequired' }
        @{ Case = 'a max_age out of range'; Arguments = @{ MaxAge = 99999999 }; Id = 'MtaStsMaxAgeOutOfRange' }
    ) {
        $before = Read-Policy
        Set-MtaStsPolicy -Path $root -Domain example.com @Arguments -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        Read-Policy | Should -BeExactly $before
    }

    It 'writes nothing with -WhatIf' {
        $before = Read-Policy
        Set-MtaStsPolicy -Path $root -Domain example.com -Mode Testing -WhatIf | Should -BeNullOrEmpty
        Read-Policy | Should -BeExactly $before
    }

    It 'backs out to none, with a new id and the earliest removal date (RFC 8461 §8.3)' {
        $start = [DateTimeOffset]::UtcNow
        $change = Set-MtaStsPolicy -Path $root -Domain example.com -Mode None
        $end = [DateTimeOffset]::UtcNow
        Read-Policy | Should -BeExactly "version: STSv1`r`nmode: none`r`nmx: mx2.example.com`r`nmax_age: 86400`r`n"
        $ids | Should -Not -Contain $change.Id
        $change.RemovableAfter | Should -BeGreaterOrEqual $start.AddSeconds(604800)
        $change.RemovableAfter | Should -BeLessOrEqual $end.AddSeconds(604800)
        $change.NextSteps[-1] | Should -Match 'max_age of 604800 seconds'
        $change.NextSteps[-1] | Should -Match '_mta-sts\.example\.com first'
    }

    It 'leaves a policy file that does not parse as it was, naming its line and column' {
        $broken = Join-Path $TestDrive 'broken.txt'
        [IO.File]::WriteAllText($broken, "version: STSv1`r`nmode: enforced`r`nmx: mx.example.com`r`nmax_age: 86400`r`n")
        Set-MtaStsPolicy -FilePath $broken -Domain example.com -Mode Testing -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Finding.Line | Should -Be 2
        [IO.File]::ReadAllText($broken) | Should -BeExactly "version: STSv1`r`nmode: enforced`r`nmx: mx.example.com`r`nmax_age: 86400`r`n"
    }

    It 'gives the same id for the same content in another copy of the file' {
        $copy = Join-Path $TestDrive 'copy/.well-known/mta-sts.txt'
        New-Item -ItemType Directory -Force (Split-Path $copy) | Out-Null
        Copy-Item $file $copy
        (Get-Item $copy).LastWriteTimeUtc = [datetime]'2020-01-01'
        (Set-MtaStsPolicy -FilePath $copy -Domain example.com).Id | Should -Be (Get-ContentId (Read-Policy))
    }
}
