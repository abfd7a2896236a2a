# ConvertTo-TlsRptHtml: one self-contained page per set of summaries, whose numbers are the summary's, that fetches
# nothing, escapes what reports say, and speaks the UI culture. Headless Chromium renders it where it can run.
BeforeAll {
    Import-Module $env:MTASTS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Culture.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TlsRptSample.psm1') -Force
    $fixtures = Join-Path $PSScriptRoot '../MtaSts.Tests/Fixtures'
    $script:month = Join-Path $TestDrive 'month'
    New-TlsRptSampleMonth -Path $month
    Copy-Item (Join-Path $fixtures 'rfc8460-example.json') $month
    $script:summary = Import-TlsRptReport $month | Get-TlsRptSummary -Since '2016-04-01T00:00:00Z' -Until '2016-05-01T00:00:00Z' -PolicyDomain company-y.example, quiet.example
    $script:html = $summary | ConvertTo-TlsRptHtml

    # The numbers a page shows, read from its data attributes: key figures, bars per series, table rows.
    function Read-PageNumbers([string] $Page, [string] $Domain) {
        $section = [regex]::Match($Page, "(?s)<section data-domain=`"$([regex]::Escape($Domain))`">.*?</section>").Value
        $keys = @{}
        foreach ($m in [regex]::Matches($section, 'data-key="([a-z-]+)" data-value="([^"]+)"')) { $keys[$m.Groups[1].Value] = $m.Groups[2].Value }
        $bars = @{}
        foreach ($svg in [regex]::Matches($section, '(?s)<svg[^>]*data-series="(\w+)".*?</svg>')) {
            $bars[$svg.Groups[1].Value] = @([regex]::Matches($svg.Value, 'data-day="([\d-]+)" data-value="(\d+)"') | ForEach-Object { [pscustomobject]@{ Day = $_.Groups[1].Value; Value = [long]$_.Groups[2].Value } })
        }
        $tables = @{}
        foreach ($table in [regex]::Matches($section, '(?s)<table data-table="([a-z-]+)">.*?</table>')) {
            $tables[$table.Groups[1].Value] = @([regex]::Matches($table.Value, '<tr data-name="([^"]*)">.*?data-value="(\d+)"') | ForEach-Object { "$([Net.WebUtility]::HtmlDecode($_.Groups[1].Value))=$($_.Groups[2].Value)" })
        }
        [pscustomobject]@{ Keys = $keys; Bars = $bars; Tables = $tables; Text = $section }
    }

    $script:chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source
    $script:unshare = (Get-Command unshare -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source
    $script:chromiumSkip = if (-not $chromium) { 'Chromium is not installed (.ci/run installs Debian''s chromium)' }
    elseif ($IsWindows -or -not $unshare) { 'Chromium runs only inside an empty network namespace (unshare -n), which needs Linux' }
    elseif ((id -u) -ne 0) { 'Chromium runs only inside an empty network namespace (unshare -n), which needs root' }

    # Chromium in a network namespace of its own with only a loopback that is down: neither the page nor Chromium's own
    # background requests can reach any address; the net log still records every request that was started.
    function Invoke-Chromium([string] $Page, [string[]] $Arguments) {
        $log = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.netlog.json')
        $output = & $unshare -n $chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking --disable-component-update `
            --disable-sync --host-resolver-rules='MAP * ~NOTFOUND' "--log-net-log=$log" @Arguments "file://$Page" 2>$null
        $LASTEXITCODE | Should -Be 0 -Because 'Chromium renders the page'
        # Requests the page started carry its origin (file:// is "null") as initiator; Chromium's own say "not an origin".
        $net = Get-Content -Raw $log | ConvertFrom-Json
        $start = $net.constants.logEventTypes.URL_REQUEST_START_JOB
        $fetched = @($net.events | Where-Object { $_.type -eq $start -and $_.params.url -and $_.params.initiator -ne 'not an origin' -and $_.params.url -notmatch '^(file|data|chrome|about):' } | ForEach-Object { $_.params.url })
        [pscustomobject]@{ Output = ($output -join "`n"); Fetched = $fetched }
    }
}

Describe 'ConvertTo-TlsRptHtml' {
    It 'returns one page with a section per summary, the domain without reports included' {
        $html | Should -BeOfType [string]
        @($html).Count | Should -Be 1
        $html | Should -Match '(?s)^<!DOCTYPE html>.*</html>\s*$'
        ([regex]::Matches($html, '<section data-domain=')).Count | Should -Be 2
        $quiet = Read-PageNumbers $html 'quiet.example'
        $quiet.Keys['reports'] | Should -Be '0'
        $quiet.Text | Should -Match 'class="verdict nodata"'
    }

    It 'shows the summary''s numbers (RFC 8460 §4.4 totals, §4.3 result types), and bars that add up to them' {
        $s = $summary | Where-Object PolicyDomain -eq 'company-y.example'
        $page = Read-PageNumbers $html 'company-y.example'
        $page.Keys['reports'] | Should -Be $s.ReportCount
        $page.Keys['reporters'] | Should -Be $s.Reporters.Count
        $page.Keys['days-covered'] | Should -Be $s.DaysCovered
        $page.Keys['successful'] | Should -Be $s.SuccessfulSessions
        $page.Keys['failed'] | Should -Be $s.FailedSessions
        $page.Keys['sts-failed'] | Should -Be $s.StsFailedSessions
        $page.Bars['successful'].Count | Should -Be 30 -Because 'April has 30 days, one bar each'
        ($page.Bars['successful'] | Measure-Object Value -Sum).Sum | Should -Be $s.SuccessfulSessions
        ($page.Bars['failed'] | Measure-Object Value -Sum).Sum | Should -Be $s.FailedSessions
        $page.Tables['result-type'] | Should -Be ($s.ByResultType | ForEach-Object { "$($_.Name)=$($_.Sessions)" })
        $page.Tables['mx-host'] | Should -Be ($s.ByMxHost | ForEach-Object { "$($_.Name)=$($_.Sessions)" })
        $page.Tables['sending-mta'] | Should -Be ($s.BySendingMta | ForEach-Object { "$($_.Name)=$($_.Sessions)" })
        @($page.Tables['reporter']).Count | Should -Be 3
        $page.Text | Should -Match 'class="verdict failing" data-ready="false"'
        $page.Text | Should -Match 'The MX certificate has expired' -Because 'each result type comes with its fix'
    }

    It 'is self-contained: no script, nothing to fetch, a policy that forbids fetching, and ASCII only' {
        $html | Should -Not -Match '<script|<link|<img|<iframe|<object|@import|url\(|\bsrc='
        [regex]::Matches($html, 'https?://[^"\s<]*').Value | Sort-Object -Unique | Should -Be 'http://www.w3.org/2000/svg' -Because 'the SVG namespace is a name, not a fetch'
        $html | Should -Match "Content-Security-Policy"" content=""default-src 'none'"
        $html | Should -Not -Match '[^\x00-\x7F]'
    }

    It 'escapes what a hostile report says' {
        $file = Join-Path $TestDrive 'hostile.json'
        Set-Content -LiteralPath $file -Value ('{"organization-name":"<script>alert(1)</script>","report-id":"x","date-range":{"start-datetime":"2016-04-02T00:00:00Z","end-datetime":"2016-04-02T23:59:59Z"},' +
            '"contact-info":"a@b","policies":[{"policy":{"policy-type":"sts","policy-domain":"company-y.example"},"summary":{"total-successful-session-count":1,"total-failure-session-count":1},' +
            '"failure-details":[{"result-type":"x\"><img src=x onerror=alert(2)>","receiving-mx-hostname":"mx\u2028<b>.example","failed-session-count":1}]}]}')
        $page = Import-TlsRptReport $file | Get-TlsRptSummary -Since '2016-04-01T00:00:00Z' -Until '2016-05-01T00:00:00Z' | ConvertTo-TlsRptHtml
        $page | Should -Not -Match '<script|<img|<b>'
        $page | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;'
        $page | Should -Match 'data-name="x&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;"'
    }

    It 'speaks the UI culture: labels and numbers in pt-BR' {
        $pt = Invoke-InCulture pt-BR { $summary | ConvertTo-TlsRptHtml }
        $page = Read-PageNumbers $pt 'company-y.example'
        [Net.WebUtility]::HtmlDecode($page.Text) | Should -Match 'Sessões bem-sucedidas por dia'
        $s = $summary | Where-Object PolicyDomain -eq 'company-y.example'
        [Net.WebUtility]::HtmlDecode($page.Text) | Should -Match ([regex]::Escape($s.SuccessfulSessions.ToString('N0', [cultureinfo]'pt-BR')))
        $pt | Should -Match '<html lang="pt-BR">'
    }
}

Describe 'The page in headless Chromium' {
    BeforeAll {
        $script:page = Join-Path $TestDrive 'report.html'
        [IO.File]::WriteAllText($page, $html)
    }

    It 'fetches nothing, and the net log would have shown it if it did' -Skip:([bool]$chromiumSkip) {
        $control = Join-Path $TestDrive 'control.html'
        Set-Content -LiteralPath $control -Value '<html><body><img src="http://192.0.2.1/pixel.png">control</body></html>'
        (Invoke-Chromium $control @('--dump-dom')).Fetched | Should -Be 'http://192.0.2.1/pixel.png' -Because 'a page that fetches is caught'
        (Invoke-Chromium $page @('--dump-dom')).Fetched | Should -BeNullOrEmpty
    }

    It 'holds the summary''s numbers in the DOM Chromium built' -Skip:([bool]$chromiumSkip) {
        $dom = (Invoke-Chromium $page @('--dump-dom')).Output
        $fromDom = Read-PageNumbers $dom 'company-y.example'
        $fromHtml = Read-PageNumbers $html 'company-y.example'
        $s = $summary | Where-Object PolicyDomain -eq 'company-y.example'
        $fromDom.Keys['successful'] | Should -Be $s.SuccessfulSessions
        $fromDom.Keys['failed'] | Should -Be $s.FailedSessions
        ($fromDom.Bars['failed'] | Measure-Object Value -Sum).Sum | Should -Be $s.FailedSessions
        ($fromDom.Tables.Keys | Sort-Object) | Should -Be ($fromHtml.Tables.Keys | Sort-Object)
        $fromDom.Tables['result-type'] | Should -Be ($s.ByResultType | ForEach-Object { "$($_.Name)=$($_.Sessions)" })
        $fromDom.Text | Should -Match $s.SuccessfulSessions.ToString('N0', [cultureinfo]'en-US')
    }

    It 'draws a screenshot that is not blank' -Skip:([bool]$chromiumSkip) {
        $shot = Join-Path $TestDrive 'report.png'
        $null = Invoke-Chromium $page @("--screenshot=$shot", '--window-size=1000,1600')
        $png = [IO.File]::ReadAllBytes($shot)
        [Text.Encoding]::ASCII.GetString($png, 1, 3) | Should -Be 'PNG'
        # The image rows, inflated from the IDAT chunks: a blank page has a handful of distinct byte values, a drawn one many.
        $idat = [IO.MemoryStream]::new()
        for ($at = 8; $at -lt $png.Length; $at += 12 + $length) {
            $length = [int]$png[$at] * 16777216 + [int]$png[$at + 1] * 65536 + [int]$png[$at + 2] * 256 + [int]$png[$at + 3]
            if ([Text.Encoding]::ASCII.GetString($png, $at + 4, 4) -eq 'IDAT') { $idat.Write($png, $at + 8, $length) }
        }
        $idat.Position = 0
        $rows = [IO.MemoryStream]::new()
        ([IO.Compression.ZLibStream]::new($idat, [IO.Compression.CompressionMode]::Decompress)).CopyTo($rows)
        $distinct = [Collections.Generic.HashSet[byte]]::new([byte[]]$rows.ToArray())
        $distinct.Count | Should -BeGreaterThan 64
    }
}
