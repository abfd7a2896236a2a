BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:policy = New-MtaStsPolicy -Domain example.com -Mode Enforce -Mx mail.example.com
    $script:expected = [Text.Encoding]::ASCII.GetBytes($policy.Text)
}

Describe 'Export-MtaStsPolicy' {
    It 'writes <root>/.well-known/mta-sts.txt with -Path, creating folders' {
        $root = Join-Path $TestDrive 'www/example'
        $policy | Export-MtaStsPolicy -Path $root
        [IO.File]::ReadAllBytes((Join-Path $root '.well-known/mta-sts.txt')) | Should -Be $expected
    }

    It 'writes the exact file with -FilePath and returns the policy with -PassThru, its file as Path' {
        $file = Join-Path $TestDrive 'exact[1].txt'
        $out = $policy | Export-MtaStsPolicy -FilePath $file -PassThru
        $out.PSObject.TypeNames[0] | Should -Be 'MtaSts.Policy.MtaStsPolicy'
        $out.Text | Should -Be $policy.Text
        $out.Path | Should -Be $file
        [IO.File]::ReadAllBytes($file) | Should -Be $expected
        (Get-Item -LiteralPath $out.Path).Length | Should -Be $expected.Length
    }

    It 'lets the TXT record follow in the same pipeline: Export-MtaStsPolicy -PassThru | New-MtaStsTxtRecord (RFC 8461 §3.1)' {
        $record = $policy | Export-MtaStsPolicy -Path (Join-Path $TestDrive 'chain') -PassThru | New-MtaStsTxtRecord
        $record.Fqdn | Should -Be '_mta-sts.example.com'
        $record.Id | Should -Match '^\d{14}Z[0-9a-f]{8}$' -Because 'a piped policy puts its content hash in the id'
    }

    It 'returns nothing with -PassThru -WhatIf, and writes nothing' {
        $root = Join-Path $TestDrive 'whatif-passthru'
        $out = $policy | Export-MtaStsPolicy -Path $root -PassThru -WhatIf
        $out | Should -BeNullOrEmpty
        Join-Path $root '.well-known/mta-sts.txt' | Should -Not -Exist
    }

    It 'writes every file of a long pipeline and leaves no temporary file behind' {
        $root = Join-Path $TestDrive 'many'
        $names = 1..2500 | ForEach-Object { "d$_.example" }
        $written = New-MtaStsPolicy -Domain $names -Mx mx.example.net | Export-MtaStsPolicy -LiteralPath { Join-Path $root $_.Domain } -PassThru
        @($written).Count | Should -Be 2500
        @(Get-ChildItem -LiteralPath $root -Recurse -File -Force).Count | Should -Be 2500
        @(Get-ChildItem -LiteralPath $root -Recurse -File -Force -Filter '*.tmp').Count | Should -Be 0
        [IO.File]::ReadAllText((Join-Path $root 'd2500.example/.well-known/mta-sts.txt')) | Should -Match 'mx: mx.example.net'
    }

    It 'writes what came before a failing input when -ErrorAction Stop ends the pipeline' {
        $root = Join-Path $TestDrive 'stop'
        New-Item -ItemType File -Path (Join-Path $TestDrive 'stop-file') | Out-Null
        $first = New-MtaStsPolicy -Domain first.example -Mx mx.example.net
        $second = New-MtaStsPolicy -Domain second.example -Mx mx.example.net
        {
            $first, $second | Export-MtaStsPolicy -LiteralPath { if ($_.Domain -eq 'first.example') { Join-Path $root 'first' } else { Join-Path $TestDrive 'stop-file' } } -ErrorAction Stop
        } | Should -Throw
        Join-Path $root 'first/.well-known/mta-sts.txt' | Should -Exist
    }

    It 'resolves relative paths against the PowerShell location' {
        Push-Location $TestDrive
        try {
            $policy | Export-MtaStsPolicy -Path 'relative'
            Join-Path $TestDrive 'relative/.well-known/mta-sts.txt' | Should -Exist
        }
        finally { Pop-Location }
    }

    It 'writes no BOM and ends every line with CRLF' {
        $file = Join-Path $TestDrive 'crlf.txt'
        $policy | Export-MtaStsPolicy -FilePath $file
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[0] | Should -Be ([byte][char]'v')
        $text = [Text.Encoding]::ASCII.GetString($bytes)
        ($text -split "`r`n").Count | Should -Be 5
        $text.Replace("`r`n", '') | Should -Not -Match "[`r`n]"
    }

    It 'writes nothing with -WhatIf' {
        $root = Join-Path $TestDrive 'whatif'
        $policy | Export-MtaStsPolicy -Path $root -WhatIf
        $root | Should -Not -Exist
    }

    It 'refuses to replace a file with -NoClobber' {
        $file = Join-Path $TestDrive 'noclobber.txt'
        Set-Content -LiteralPath $file -Value 'old' -NoNewline
        $policy | Export-MtaStsPolicy -FilePath $file -NoClobber -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsFileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content -Raw -LiteralPath $file | Should -Be 'old'
    }

    It 'leaves an identical file untouched' {
        $file = Join-Path $TestDrive 'same.txt'
        $policy | Export-MtaStsPolicy -FilePath $file
        $before = (Get-Item $file).LastWriteTimeUtc = [datetime]::new(2020, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $policy | Export-MtaStsPolicy -FilePath $file -WarningVariable warnings
        (Get-Item $file).LastWriteTimeUtc | Should -Be $before
        $warnings | Should -BeNullOrEmpty
    }

    It 'replaces a changed file and warns that the TXT id must change (RFC 8461 §3.1)' {
        $file = Join-Path $TestDrive 'changed.txt'
        New-MtaStsPolicy -Mode Testing -Mx mail.example.com | Export-MtaStsPolicy -FilePath $file
        $policy | Export-MtaStsPolicy -FilePath $file -WarningVariable warnings -WarningAction SilentlyContinue
        [IO.File]::ReadAllBytes($file) | Should -Be $expected
        $warnings | Should -Match 'New-MtaStsTxtRecord -Domain example.com'
    }

    It 'leaves no temporary file behind' {
        $root = Join-Path $TestDrive 'clean'
        $policy | Export-MtaStsPolicy -Path $root
        $policy | Export-MtaStsPolicy -Path $root
        (New-MtaStsPolicy -Mx other.example.com) | Export-MtaStsPolicy -Path $root -WarningAction SilentlyContinue
        @(Get-ChildItem -Force (Join-Path $root '.well-known')).Name | Should -Be @('mta-sts.txt')
    }

    It 'reports a target that is a folder' {
        $folder = Join-Path $TestDrive 'afolder'
        New-Item -ItemType Directory $folder | Out-Null
        $policy | Export-MtaStsPolicy -FilePath $folder -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathIsFolder,*'
    }

    It 'reports a path it cannot write, and writes nothing' {
        $blocker = Join-Path $TestDrive 'blocker'
        Set-Content -LiteralPath $blocker -Value 'a file where a folder should be'
        $policy | Export-MtaStsPolicy -Path (Join-Path $blocker 'site') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyWriteFailed,*'
        $errors[0].CategoryInfo.Category | Should -Be 'WriteError'
        Get-Content -Raw -LiteralPath $blocker | Should -Be "a file where a folder should be$([Environment]::NewLine)"
    }

    It 'reports a web root that is a file, names the parameter for files, and leaves the file as it was (<_>)' -ForEach 'Path', 'LiteralPath' {
        $blocker = Join-Path $TestDrive "blocker-$_"
        Set-Content -LiteralPath $blocker -Value 'a file where a folder should be'
        $parameters = @{ $_ = $blocker }
        $policy | Export-MtaStsPolicy @parameters -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathIsFile,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -BeLike "*$blocker*-FilePath*"
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-FilePath*'
        Get-Content -Raw -LiteralPath $blocker | Should -Be "a file where a folder should be$([Environment]::NewLine)"
    }

    It 'reports a drive that does not exist' {
        $policy | Export-MtaStsPolicy -Path 'NoSuchDrive:\site' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathInvalid,*'
    }

    It 'exports many policies into their own web roots' {
        $domains = 'a.example', 'b.example', 'c.example'
        $domains | ForEach-Object { [pscustomobject]@{ Domain = $_; Mx = "mx.$_" } } |
            New-MtaStsPolicy | Export-MtaStsPolicy -Path { Join-Path $TestDrive "sites/$($_.Domain)" }
        foreach ($d in $domains) {
            (Import-MtaStsPolicy -Path (Join-Path $TestDrive "sites/$d")).Mx.Value | Should -Be "mx.$d"
        }
    }

    It 'refuses a path of another provider (<Path>) and writes nothing anywhere' -ForEach @(
        @{ Path = 'Env:\mtasts-site' }
        @{ Path = 'Variable:\mtasts-site' }
    ) {
        Push-Location $TestDrive
        try {
            $before = @(Get-ChildItem -Recurse -Force $TestDrive).Count
            $policy | Export-MtaStsPolicy -Path $Path -ErrorVariable errors -ErrorAction SilentlyContinue
            $policy | Export-MtaStsPolicy -LiteralPath $Path -ErrorVariable literalErrors -ErrorAction SilentlyContinue
            $policy | Export-MtaStsPolicy -FilePath $Path -ErrorVariable fileErrors -ErrorAction SilentlyContinue
        }
        finally { Pop-Location }
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathNotFileSystem,*'
        $errors[0].Exception.Message | Should -BeLike '*provider*'
        $literalErrors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathNotFileSystem,*'
        $fileErrors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPathNotFileSystem,*'
        @(Get-ChildItem -Recurse -Force $TestDrive).Count | Should -Be $before
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'mtasts-site') | Should -BeFalse
    }

    It 'lets eight exports race to create and replace one file: none fails, and the file holds one whole policy' {
        $root = Join-Path $TestDrive 'race'
        $texts = 1..8 | ForEach-Object { (New-MtaStsPolicy -Mx "mx$_.example.com").Text }
        # Each round writes a new file, so every round races to create it as well as to replace it.
        $failures = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $env:MTASTS_MODULE_PATH
            $mine = New-MtaStsPolicy -Mx "mx$_.example.com"
            foreach ($round in 1..40) {
                foreach ($write in 1..3) {
                    $mine | Export-MtaStsPolicy -Path (Join-Path $using:root $round) -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                    $failed | ForEach-Object { "$_" }
                }
            }
        }
        @($failures) | Should -BeNullOrEmpty
        foreach ($round in 1..40) {
            $folder = Join-Path $root "$round/.well-known"
            $texts | Should -Contain ([IO.File]::ReadAllText((Join-Path $folder 'mta-sts.txt')))
            @(Get-ChildItem -Force $folder | Where-Object Name -like '*.tmp') | Should -BeNullOrEmpty
        }
    }

    It 'keeps the mode of a replaced file' -Skip:$IsWindows {
        $target = Join-Path $TestDrive 'mode/.well-known/mta-sts.txt'
        $policy | Export-MtaStsPolicy -FilePath $target
        & chmod 0640 $target
        New-MtaStsPolicy -Mx other.example.com | Export-MtaStsPolicy -FilePath $target -WarningAction SilentlyContinue
        & stat -c '%a' $target | Should -Be '640'
    }

    It 'keeps the owner and group of a replaced file (root only: www-data must still read it)' -Skip:($IsWindows -or (& id -u) -ne '0') {
        $target = Join-Path $TestDrive 'owner/.well-known/mta-sts.txt'
        $policy | Export-MtaStsPolicy -FilePath $target
        & chown 33:33 $target
        & chmod 0640 $target
        New-MtaStsPolicy -Mx other.example.com | Export-MtaStsPolicy -FilePath $target -WarningVariable warnings -WarningAction SilentlyContinue
        & stat -c '%a %u %g' $target | Should -Be '640 33 33'
        $warnings | Where-Object { "$_" -like '*could not be kept*' } | Should -BeNullOrEmpty
    }

    It 'refuses to replace a FIFO' -Skip:$IsWindows {
        $fifo = Join-Path $TestDrive 'fifo-target.txt'
        & mkfifo $fifo
        $policy | Export-MtaStsPolicy -FilePath $fifo -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].Exception.Message | Should -BeLike '*FIFO*'
        & stat -c '%F' $fifo | Should -Be 'fifo'
    }
}
