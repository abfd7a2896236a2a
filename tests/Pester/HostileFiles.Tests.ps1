# Files a user points the module at, or that land in a reports folder, as an attacker would shape them: special files,
# link loops and duplicate copies. Each command runs in a thread job with a time bound, so a regression fails here
# instead of hanging the run.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'

    function Invoke-Bounded([scriptblock] $Script, [object[]] $Arguments = @()) {
        $job = Start-ThreadJob -ScriptBlock $Script -ArgumentList (@($env:MTASTS_MODULE_PATH) + $Arguments)
        if (-not (Wait-Job $job -Timeout 60)) {
            Remove-Job $job -Force
            throw 'The command did not finish within 60 seconds.'
        }
        $output = Receive-Job $job -ErrorVariable jobErrors -ErrorAction SilentlyContinue 4>&1
        Remove-Job $job
        [pscustomobject]@{ Output = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }); Verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }); Errors = @($jobErrors) }
    }

    # Links made by the tests, removed after each one: Pester's own clean-up of TestDrive would follow a loop.
    $script:links = [Collections.Generic.List[string]]::new()
    function New-Link([string] $Path, [string] $Target) {
        New-Item -ItemType SymbolicLink -Path $Path -Target $Target | Out-Null
        $links.Add($Path)
    }

    function New-Fifo([string] $Path) {
        & mkfifo $Path
        if ($LASTEXITCODE -ne 0) { throw "mkfifo $Path failed" }
    }
}

Describe 'Import-TlsRptReport with special files and links' -Skip:$IsWindows {
    BeforeEach {
        $script:folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        Copy-Item (Join-Path $fixtures 'rfc8460-example.json') (Join-Path $folder 'b-report.json')
    }

    AfterEach {
        foreach ($link in $links) { [IO.File]::Delete($link) }
        $links.Clear()
    }

    It 'reports a FIFO named *.json and reads the files after it' {
        New-Fifo (Join-Path $folder 'a-pipe.json')
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-TlsRptReport -Path $path } $folder
        $run.Output.OrganizationName | Should -Be 'Company-X'
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TlsRptReportReadFailed,*'
        $run.Errors[0].TargetObject | Should -BeLike '*a-pipe.json'
        $run.Errors[0].Exception.Message | Should -BeLike '*not a regular file but a FIFO*'
    }

    It 'refuses a link to /dev/zero without reading it' {
        New-Link (Join-Path $folder 'a-zero.json') /dev/zero
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-TlsRptReport -Path $path } $folder
        $run.Output.OrganizationName | Should -Be 'Company-X'
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].Exception.Message | Should -BeLike '*character device*'
    }

    It 'follows links once with -Recurse: a link to its own folder, two loops and a second link to one file' {
        New-Item -ItemType Directory (Join-Path $folder 'sub') | Out-Null
        New-Link (Join-Path $folder 'self') $folder
        New-Link (Join-Path $folder 'sub/up') $folder
        New-Link (Join-Path $folder 'sub/again.json') (Join-Path $folder 'b-report.json')
        Copy-Item (Join-Path $fixtures 'microsoft-shaped.json') (Join-Path $folder 'sub/c-report.json')
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-TlsRptReport -Path $path -Recurse } $folder
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.OrganizationName | Sort-Object | Should -Be @('Company-X', 'Microsoft Corporation')
    }

    It 'reports a link loop between two links and goes on' {
        New-Link (Join-Path $folder 'x.json') (Join-Path $folder 'y.json')
        New-Link (Join-Path $folder 'y.json') (Join-Path $folder 'x.json')
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-TlsRptReport -Path $path -Recurse } $folder
        $run.Output.OrganizationName | Should -Be 'Company-X'
        $run.Errors.Count | Should -Be 2
        $run.Errors.TargetObject | Sort-Object | Should -BeLike '*.json'
    }

    It 'gives one object for a report delivered as .json and as .json.gz, with a verbose line (RFC 8460 §4.4)' {
        $bytes = [IO.File]::ReadAllBytes((Join-Path $folder 'b-report.json'))
        $file = [IO.File]::Create((Join-Path $folder 'b-report.json.gz'))
        $gzip = [IO.Compression.GZipStream]::new($file, [IO.Compression.CompressionLevel]::Optimal)
        $gzip.Write($bytes, 0, $bytes.Length); $gzip.Dispose(); $file.Dispose()
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-TlsRptReport -Path $path -Verbose 4>&1 } $folder
        $run.Output.Count | Should -Be 1
        ($run.Verbose.Message -join "`n") | Should -Match 'was read already'
    }
}

Describe 'Import-MtaStsPolicy and -StatePath with special files' -Skip:$IsWindows {
    It 'refuses a FIFO as a policy file at once' {
        $fifo = Join-Path $TestDrive 'policy-fifo.txt'
        New-Fifo $fifo
        $run = Invoke-Bounded { param($module, $path) Import-Module $module; Import-MtaStsPolicy -LiteralPath $path } $fifo
        $run.Output | Should -BeNullOrEmpty
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MtaStsPolicyReadFailed,*'
        $run.Errors[0].Exception.Message | Should -BeLike '*FIFO*'
    }

    It 'refuses a <Kind> as -StatePath before the run' -ForEach @(
        @{ Kind = 'FIFO'; Make = { param($p) New-Fifo $p; $p } }
        @{ Kind = 'character device'; Make = { param($p) '/dev/zero' } }
    ) {
        $path = & $Make (Join-Path $TestDrive "state-$([guid]::NewGuid().ToString('N')).json")
        $run = Invoke-Bounded {
            param($module, $path)
            Import-Module $module
            try { Test-MtaStsDomain example.com -StatePath $path -DnsServer 127.0.0.1:9 -TimeoutSec 1 } catch { $_ }
        } $path
        $record = $run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $record.FullyQualifiedErrorId | Should -BeLike 'MtaStsStateFileInvalid,*'
        $record.Exception.Message | Should -BeLike "*$Kind*"
    }
}
