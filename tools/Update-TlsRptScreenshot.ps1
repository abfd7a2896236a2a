# Renders docs/tlsrpt-report.png: the HTML report of the RFC 8460 Appendix B example report plus a generated month of
# reports (tests/Pester/TlsRptSample.psm1), drawn by headless Chromium inside an empty network namespace (Linux, root).
# Run after `./build.ps1 -Task Build`: dotnet pwsh ./tools/Update-TlsRptScreenshot.ps1
param([string] $Culture = 'en-US', [string] $OutFile = (Join-Path $PSScriptRoot '../docs/tlsrpt-report.png'))
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MtaSts/MtaSts.psd1') -Force
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/TlsRptSample.psm1') -Force
$work = Join-Path ([IO.Path]::GetTempPath()) ('tlsrpt-shot-' + [guid]::NewGuid().ToString('N'))
try {
    New-TlsRptSampleMonth -Path (Join-Path $work 'reports')
    Copy-Item (Join-Path $PSScriptRoot '../tests/MtaSts.Tests/Fixtures/rfc8460-example.json') (Join-Path $work 'reports')
    [cultureinfo]::CurrentUICulture = $Culture
    $html = Import-TlsRptReport (Join-Path $work 'reports') | Get-TlsRptSummary -Since '2016-04-01T00:00:00Z' -Until '2016-05-01T00:00:00Z' | ConvertTo-TlsRptHtml
    $page = Join-Path $work 'report.html'
    [IO.File]::WriteAllText($page, $html)
    $shot = [IO.Path]::GetFullPath($OutFile)
    unshare -n chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking --disable-component-update `
        --host-resolver-rules='MAP * ~NOTFOUND' --window-size=1000,1560 "--screenshot=$shot" "file://$page" 2>$null
    if ($LASTEXITCODE -ne 0) { throw "chromium failed with exit code $LASTEXITCODE" }
    Write-Host "wrote $shot"
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}
