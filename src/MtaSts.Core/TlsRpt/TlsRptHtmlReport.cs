using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using MtaSts.Resources;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// One self-contained HTML page of TLS-RPT summaries: per policy domain the verdict and what it lacks, daily
    /// successful and failed sessions as SVG charts, failures by result type (with the fix), by MX host and by sending
    /// MTA, and the reporters. CSS and SVG are inline and nothing is fetched, so the page reads offline and in mail
    /// previews. Every text taken from reports is HTML-escaped, the page is ASCII whatever its language, and labels and
    /// numbers follow the given culture.
    /// </summary>
    public static class TlsRptHtmlReport
    {
        private const int ChartWidth = 720;
        private const int ChartHeight = 140;
        private const int MostRows = 25;

        private const string Style =
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;background:#fff;margin:24px;max-width:960px}" +
            "h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;padding-top:16px;border-top:1px solid #d0d7de}h3{font-size:15px;margin:20px 0 6px}" +
            "p.meta{color:#59636e;margin:0 0 16px}" +
            ".verdict{border-left:6px solid;padding:10px 14px;margin:8px 0 12px;background:#f6f8fa}.verdict p{margin:0}.verdict ul{margin:6px 0 0 18px;padding:0}" +
            ".ready{border-color:#1a7f37}.thin{border-color:#bf8700}.nodata{border-color:#8c959f}.failing{border-color:#cf222e}" +
            "table{border-collapse:collapse;margin:4px 0 8px;font-size:14px}th,td{border-bottom:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}" +
            "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}table.key td{border:none;padding:2px 18px 2px 0}" +
            "svg{display:block;margin:4px 0 2px}.ok{fill:#1a7f37}.bad{fill:#cf222e}.axis{stroke:#8c959f;stroke-width:1}.grid{stroke:#d0d7de;stroke-width:1}" +
            "svg text{font-size:11px;fill:#59636e}details{margin:8px 0}summary{cursor:pointer;color:#0969da}";

        /// <summary>The page for <paramref name="summaries"/>, generated at <paramref name="generated"/>, in <paramref name="culture"/>.</summary>
        public static string Render(IReadOnlyList<TlsRptSummary> summaries, DateTimeOffset generated, CultureInfo culture)
        {
            if (summaries == null)
            {
                throw new ArgumentNullException(nameof(summaries));
            }

            var html = new StringBuilder(16 * 1024);
            string title = Messages.Format(culture, "HtmlTitle");
            html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(culture.Name.Length == 0 ? "en" : culture.Name)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .Append("<title>").Append(Encode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
                .Append("<h1>").Append(Encode(title)).Append("</h1>\n<p class=\"meta\">")
                .Append(Encode(Messages.Format(culture, "HtmlGenerated", generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))))
                .Append("</p>\n");
            foreach (var summary in summaries)
            {
                Domain(html, summary, culture);
            }

            return Ascii(html.Append("</body>\n</html>\n").ToString());
        }

        /// <summary>
        /// Every character past ASCII as a character reference, so the page reads the same whatever encoding it is saved
        /// in (Windows PowerShell's Set-Content writes the ANSI code page by default).
        /// </summary>
        private static string Ascii(string html)
        {
            var ascii = new StringBuilder(html.Length + 256);
            for (int i = 0; i < html.Length; i++)
            {
                char c = html[i];
                if (c < 128)
                {
                    ascii.Append(c);
                }
                else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
                {
                    ascii.Append("&#x").Append(char.ConvertToUtf32(c, html[++i]).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                }
                else
                {
                    // A lone surrogate cannot be a character reference; U+FFFD stands for it, as a browser would show it.
                    ascii.Append("&#x").Append((char.IsSurrogate(c) ? 0xFFFD : c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                }
            }

            return ascii.ToString();
        }

        private static void Domain(StringBuilder html, TlsRptSummary summary, CultureInfo culture)
        {
            string from = Day(summary.From.UtcDateTime);
            string to = Day(summary.To.UtcDateTime);
            html.Append("<section data-domain=\"").Append(Encode(summary.PolicyDomain)).Append("\">\n<h2>").Append(Encode(summary.PolicyDomain)).Append("</h2>\n")
                .Append("<p class=\"meta\">").Append(Encode(Messages.Format(culture, "HtmlPeriod", from, to, summary.PeriodDays))).Append("</p>\n");

            html.Append("<div class=\"verdict ").Append(State(summary)).Append("\" data-ready=\"").Append(summary.ReadyForEnforce ? "true" : "false")
                .Append("\"><p>").Append(Encode(summary.Verdict)).Append("</p>");
            var missing = summary.Missing;
            if (missing.Count > 0)
            {
                html.Append("<ul>");
                foreach (string item in missing)
                {
                    html.Append("<li>").Append(Encode(item)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</div>\n<table class=\"key\">");
            KeyRow(html, culture, "HtmlReports", "reports", summary.ReportCount);
            KeyRow(html, culture, "HtmlReporters", "reporters", summary.Reporters.Count);
            KeyRow(html, culture, "HtmlDaysCovered", "days-covered", summary.DaysCovered);
            KeyRow(html, culture, "HtmlSuccessful", "successful", summary.SuccessfulSessions);
            KeyRow(html, culture, "HtmlFailed", "failed", summary.FailedSessions);
            KeyRow(html, culture, "HtmlStsFailed", "sts-failed", summary.StsFailedSessions);
            html.Append("<tr><td>").Append(Encode(Messages.Format(culture, "HtmlFailureRate"))).Append("</td><td class=\"n\" data-key=\"failure-rate\" data-value=\"")
                .Append(summary.FailureRate.ToString("R", CultureInfo.InvariantCulture)).Append("\">")
                .Append(Encode(summary.FailureRate.ToString("P2", culture))).Append("</td></tr></table>\n");

            if (summary.ReportCount == 0)
            {
                html.Append("</section>\n");
                return;
            }

            var days = DailyTotals(summary);
            html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlChartSuccessful"))).Append("</h3>\n");
            Chart(html, days, d => d.Successful, "ok", "successful", culture);
            html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlChartFailed"))).Append("</h3>\n");
            Chart(html, days, d => d.Failed, "bad", "failed", culture);

            if (summary.ByResultType.Count > 0)
            {
                html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlByResultType"))).Append("</h3>\n");
                Table(html, culture, "result-type", new[] { "HtmlResultType", "HtmlSessions", "HtmlFix" }, summary.ByResultType,
                    c => new[] { c.Name, null, c.Fix ?? string.Empty });
            }

            if (summary.ByMxHost.Count > 0)
            {
                html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlByMxHost"))).Append("</h3>\n");
                Table(html, culture, "mx-host", new[] { "HtmlMxHost", "HtmlSessions", "HtmlResultTypes" }, summary.ByMxHost,
                    c => new[] { c.Name, null, string.Join(", ", c.ResultTypes) });
            }

            if (summary.BySendingMta.Count > 0)
            {
                html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlBySendingMta"))).Append("</h3>\n");
                Table(html, culture, "sending-mta", new[] { "HtmlSendingMta", "HtmlSessions", "HtmlResultTypes" }, summary.BySendingMta,
                    c => new[] { c.Name, null, string.Join(", ", c.ResultTypes) });
            }

            Reporters(html, summary, culture);
            html.Append("</section>\n");
        }

        private static string State(TlsRptSummary summary) =>
            summary.ReportCount == 0 ? "nodata" : summary.StsFailedSessions > 0 ? "failing" : summary.ReadyForEnforce ? "ready" : "thin";

        private static void KeyRow(StringBuilder html, CultureInfo culture, string label, string key, long value) =>
            html.Append("<tr><td>").Append(Encode(Messages.Format(culture, label))).Append("</td><td class=\"n\" data-key=\"").Append(key).Append("\" data-value=\"")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Encode(value.ToString("N0", culture))).Append("</td></tr>");

        /// <summary>Every UTC day of the period, with the sessions of all reporters that day (zero where none reported).</summary>
        private static List<(DateTime Day, long Successful, long Failed)> DailyTotals(TlsRptSummary summary)
        {
            var totals = new Dictionary<DateTime, (long Successful, long Failed)>();
            foreach (var row in summary.Daily)
            {
                totals.TryGetValue(row.Day, out var total);
                totals[row.Day] = (TlsRptSummary.Accumulator.Sum(total.Successful, row.SuccessfulSessions), TlsRptSummary.Accumulator.Sum(total.Failed, row.FailedSessions));
            }

            var days = new List<(DateTime, long, long)>();
            for (var day = summary.From.UtcDateTime.Date; day < summary.To.UtcDateTime; day = day.AddDays(1))
            {
                totals.TryGetValue(day, out var total);
                days.Add((day, total.Successful, total.Failed));
            }

            return days;
        }

        /// <summary>A bar per day on its own scale, with the largest value and the first and last days as labels; each bar's title gives its numbers.</summary>
        private static void Chart(StringBuilder html, List<(DateTime Day, long Successful, long Failed)> days, Func<(DateTime Day, long Successful, long Failed), long> value,
            string style, string series, CultureInfo culture)
        {
            const int left = 56;
            const int bottom = 18;
            int plotWidth = ChartWidth - left - 4;
            int plotHeight = ChartHeight - bottom - 6;
            long max = Math.Max(1, days.Count == 0 ? 1 : days.Max(value));
            double step = (double)plotWidth / Math.Max(1, days.Count);
            string label = Messages.Format(culture, series == "successful" ? "HtmlSuccessful" : "HtmlFailed");
            html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(ChartHeight)
                .Append("\" viewBox=\"0 0 ").Append(ChartWidth).Append(' ').Append(ChartHeight).Append("\" role=\"img\" aria-label=\"").Append(Encode(label))
                .Append("\" data-series=\"").Append(series).Append("\">");
            html.Append("<line class=\"grid\" x1=\"").Append(left).Append("\" y1=\"6\" x2=\"").Append(ChartWidth - 4).Append("\" y2=\"6\"/>")
                .Append("<line class=\"axis\" x1=\"").Append(left).Append("\" y1=\"").Append(6 + plotHeight).Append("\" x2=\"").Append(ChartWidth - 4).Append("\" y2=\"").Append(6 + plotHeight).Append("\"/>")
                .Append("<text x=\"").Append(left - 6).Append("\" y=\"12\" text-anchor=\"end\">").Append(Encode(max.ToString("N0", culture))).Append("</text>")
                .Append("<text x=\"").Append(left - 6).Append("\" y=\"").Append(6 + plotHeight).Append("\" text-anchor=\"end\">0</text>");
            for (int i = 0; i < days.Count; i++)
            {
                long v = value(days[i]);
                double height = v == 0 ? 0 : Math.Max(1, (double)v / max * plotHeight);
                double x = left + (i * step) + (step > 3 ? 1 : 0);
                double width = Math.Max(0.5, step > 3 ? step - 2 : step);
                html.Append("<rect class=\"").Append(style).Append("\" x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(6 + plotHeight - height))
                    .Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height)).Append("\" data-day=\"").Append(Day(days[i].Day))
                    .Append("\" data-value=\"").Append(v.ToString(CultureInfo.InvariantCulture)).Append("\"><title>")
                    .Append(Encode(days[i].Day.ToString("d", culture) + ": " + v.ToString("N0", culture) + " " + label)).Append("</title></rect>");
            }

            if (days.Count > 0)
            {
                html.Append("<text x=\"").Append(left).Append("\" y=\"").Append(ChartHeight - 4).Append("\">").Append(Encode(days[0].Day.ToString("d", culture))).Append("</text>")
                    .Append("<text x=\"").Append(ChartWidth - 4).Append("\" y=\"").Append(ChartHeight - 4).Append("\" text-anchor=\"end\">")
                    .Append(Encode(days[days.Count - 1].Day.ToString("d", culture))).Append("</text>");
            }

            html.Append("</svg>\n");
        }

        /// <summary>A table of counts, the most failures first, at most <see cref="MostRows"/> rows and a line saying how many more.</summary>
        private static void Table(StringBuilder html, CultureInfo culture, string kind, string[] headers, IReadOnlyList<TlsRptCount> counts, Func<TlsRptCount, string?[]> cells)
        {
            html.Append("<table data-table=\"").Append(kind).Append("\"><tr>");
            for (int i = 0; i < headers.Length; i++)
            {
                html.Append(i == 1 ? "<th class=\"n\">" : "<th>").Append(Encode(Messages.Format(culture, headers[i]))).Append("</th>");
            }

            html.Append("</tr>");
            foreach (var count in counts.Take(MostRows))
            {
                var row = cells(count);
                html.Append("<tr data-name=\"").Append(Encode(count.Name)).Append("\">");
                for (int i = 0; i < row.Length; i++)
                {
                    html.Append(i == 1
                        ? "<td class=\"n\" data-value=\"" + count.Sessions.ToString(CultureInfo.InvariantCulture) + "\">" + Encode(count.Sessions.ToString("N0", culture))
                        : "<td>" + Encode(row[i]!)).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>\n");
            if (counts.Count > MostRows)
            {
                html.Append("<p class=\"meta\">").Append(Encode(Messages.Format(culture, "HtmlMoreRows", counts.Count - MostRows))).Append("</p>\n");
            }
        }

        private static void Reporters(StringBuilder html, TlsRptSummary summary, CultureInfo culture)
        {
            var reporters = summary.Daily.GroupBy(d => d.Reporter, StringComparer.Ordinal)
                .Select(g => (Name: g.Key, Reports: g.Sum(d => (long)d.ReportCount), Days: g.Select(d => d.Day).Distinct().Count(),
                    Successful: g.Aggregate(0L, (total, d) => TlsRptSummary.Accumulator.Sum(total, d.SuccessfulSessions)),
                    Failed: g.Aggregate(0L, (total, d) => TlsRptSummary.Accumulator.Sum(total, d.FailedSessions))))
                .OrderByDescending(r => r.Successful + (double)r.Failed).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
            html.Append("<h3>").Append(Encode(Messages.Format(culture, "HtmlReporters"))).Append("</h3>\n<table data-table=\"reporter\"><tr><th>")
                .Append(Encode(Messages.Format(culture, "HtmlReporter"))).Append("</th>");
            foreach (string header in new[] { "HtmlReports", "HtmlDays", "HtmlSuccessful", "HtmlFailed" })
            {
                html.Append("<th class=\"n\">").Append(Encode(Messages.Format(culture, header))).Append("</th>");
            }

            html.Append("</tr>");
            foreach (var reporter in reporters)
            {
                html.Append("<tr data-name=\"").Append(Encode(reporter.Name)).Append("\"><td>").Append(Encode(reporter.Name)).Append("</td>");
                foreach (long n in new[] { reporter.Reports, reporter.Days, reporter.Successful, reporter.Failed })
                {
                    html.Append("<td class=\"n\" data-value=\"").Append(n.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Encode(n.ToString("N0", culture))).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>\n");
        }

        private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>Text from reports is hostile: escaped for element content and for quoted attributes alike.</summary>
        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
