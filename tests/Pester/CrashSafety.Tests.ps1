# Export-MtaStsPolicy's promise under a crash: a process killed at any point leaves every policy file with its old or
# its new complete content, never empty, partial or missing (senders fetch whatever is there, RFC 8461 §3.3).
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    $script:root = Join-Path $TestDrive 'sites'
    $script:count = 400
    $domains = 1..$count | ForEach-Object { "d$_.example" }

    # Two versions of every domain's policy; the worker writes them in turn, forever, until it is killed.
    $old = New-MtaStsPolicy -Domain $domains -Mx mx.example.net -Mode Testing
    $new = New-MtaStsPolicy -Domain $domains -Mx mx.example.net, '*.backup.example.net' -Mode Enforce -MaxAge 1209600
    $script:allowed = @{}
    for ($i = 0; $i -lt $count; $i++) {
        $allowed[$domains[$i]] = @([Text.Encoding]::ASCII.GetString($old[$i].ToBytes()), [Text.Encoding]::ASCII.GetString($new[$i].ToBytes()))
    }
    $old | Export-MtaStsPolicy -LiteralPath { Join-Path $root $_.Domain }

    $script:worker = Join-Path $TestDrive 'worker.ps1'
    Set-Content -LiteralPath $worker -Value @'
param([string] $ModulePath, [string] $Root, [int] $Count)
Import-Module $ModulePath
$domains = 1..$Count | ForEach-Object { "d$_.example" }
$versions = @(
    New-MtaStsPolicy -Domain $domains -Mx mx.example.net, '*.backup.example.net' -Mode Enforce -MaxAge 1209600
    New-MtaStsPolicy -Domain $domains -Mx mx.example.net -Mode Testing
)
[Console]::Out.WriteLine('ready')
[Console]::Out.Flush()
for ($round = 0; ; $round++) {
    $versions[$round % 2] | Export-MtaStsPolicy -LiteralPath { Join-Path $Root $_.Domain } -WarningAction SilentlyContinue
}
'@
}

Describe 'Export-MtaStsPolicy killed at random points' {
    It 'leaves every file with its old or its new complete content, 20 kills out of 20' {
        $random = [Random]::new(8461)
        $broken = [Collections.Generic.List[string]]::new()
        $mixed = 0
        for ($kill = 1; $kill -le 20; $kill++) {
            $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            foreach ($argument in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $worker, $env:MTASTS_MODULE_PATH, $root, $count) {
                $start.ArgumentList.Add([string]$argument)
            }
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($start)
            try {
                $process.StandardOutput.ReadLine() | Should -Be 'ready'
                Start-Sleep -Milliseconds ($random.Next(20, 1500))
            }
            finally {
                $process.Kill()
                $process.WaitForExit()
                $process.Dispose()
            }

            $seen = @{}
            foreach ($domain in $allowed.Keys) {
                $file = Join-Path $root "$domain/.well-known/mta-sts.txt"
                if (-not [IO.File]::Exists($file)) { $broken.Add("kill ${kill}: $file is missing"); continue }
                $text = [IO.File]::ReadAllText($file)
                $version = [array]::IndexOf($allowed[$domain], $text)
                if ($version -lt 0) { $broken.Add("kill ${kill}: $file holds $($text.Length) bytes that are neither version") }
                $seen[$version] = $true
            }
            if ($seen.Count -gt 1) { $mixed++ }
        }

        $broken | Should -BeNullOrEmpty
        Write-Host "crash safety: 20 kills, $mixed landed while a batch was being renamed (files of both versions side by side)"
    }
}
