# A month of TLS-RPT reports as three large senders would send them for company-y.example (the policy domain of the
# RFC 8460 Appendix B example), April 2016: one report per reporter and day, a certificate that expired on mx1 for
# three days, STARTTLS missing on mx2 for one sender now and then. Deterministic, for tests and the docs screenshot.
function New-TlsRptSampleMonth {
    param([Parameter(Mandatory)] [string] $Path)
    $Path = (New-Item -ItemType Directory -Force $Path).FullName
    $random = [Random]::new(8460)
    $reporters = @(
        @{ Name = 'Google Inc.'; Contact = 'smtp-tls-reporting@google.com'; Mta = '209.85.220.41'; Volume = 4200 }
        @{ Name = 'Microsoft Corporation'; Contact = 'tlsrpt-noreply@microsoft.com'; Mta = '40.107.22.50'; Volume = 2600 }
        @{ Name = 'Company-X'; Contact = 'sts-reporting@company-x.example'; Mta = '2001:db8:abcd:12::1'; Volume = 5300 }
    )
    for ($day = 0; $day -lt 30; $day++) {
        $date = [datetime]::new(2016, 4, 1 + $day, 0, 0, 0, [DateTimeKind]::Utc)
        foreach ($reporter in $reporters) {
            if ($reporter.Name -eq 'Company-X' -and $day -eq 0) { continue }   # the RFC 8460 example is that report
            if ($reporter.Name -eq 'Microsoft Corporation' -and $day -in 12, 13) { continue }   # a sender that skipped two days
            $failures = [Collections.Generic.List[string]]::new()
            if ($day -in 3, 4, 5) {
                $failures.Add('{"result-type":"certificate-expired","sending-mta-ip":"' + $reporter.Mta + '","receiving-mx-hostname":"mx1.mail.company-y.example","failed-session-count":' + (40 + $random.Next(80)) + '}')
            }
            if ($reporter.Name -eq 'Company-X' -and $day % 6 -eq 2) {
                $failures.Add('{"result-type":"starttls-not-supported","sending-mta-ip":"2001:db8:abcd:13::1","receiving-mx-hostname":"mx2.mail.company-y.example","receiving-ip":"203.0.113.56","failed-session-count":' + (5 + $random.Next(30)) + '}')
            }
            $failed = 0
            foreach ($failure in $failures) { $failed += [int]([regex]::Match($failure, '"failed-session-count":(\d+)').Groups[1].Value) }
            $weekend = $date.DayOfWeek -in 'Saturday', 'Sunday'
            $successful = [int]($reporter.Volume * ($(if ($weekend) { 0.45 } else { 1 })) * (0.85 + 0.3 * $random.NextDouble()))
            $json = '{"organization-name":"' + $reporter.Name + '","date-range":{"start-datetime":"' + $date.ToString('yyyy-MM-ddT00:00:00Z') +
                '","end-datetime":"' + $date.ToString('yyyy-MM-ddT23:59:59Z') + '"},"contact-info":"' + $reporter.Contact + '","report-id":"' +
                $date.ToString('yyyyMMdd') + '-' + $reporter.Name.Split(' ')[0].ToLowerInvariant() + '","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: *.mail.company-y.example","max_age: 86400"],' +
                '"policy-domain":"company-y.example","mx-host":["*.mail.company-y.example"]},"summary":{"total-successful-session-count":' + $successful +
                ',"total-failure-session-count":' + $failed + '},"failure-details":[' + ($failures -join ',') + ']}]}'
            [IO.File]::WriteAllText((Join-Path $Path ('{0}-{1}.json' -f $date.ToString('yyyyMMdd'), $reporter.Name.Split(' ')[0])), $json)
        }
    }
}

Export-ModuleMember -Function New-TlsRptSampleMonth
