using System.IO;
using System.Text;

namespace MtaSts.HelpCompiler
{
    /// <summary>
    /// Turns an about_*.md page into the plain-text about_*.help.txt that Get-Help shows: headings in capitals,
    /// body text indented by four spaces, as PowerShell's own about topics are laid out. Get-Help takes the fifth line
    /// as the topic's synopsis, so the short description's text must land there: TOPIC, name, one blank line, heading.
    /// </summary>
    internal static class AboutTopic
    {
        public static void Compile(string markdownPath, string outputFolder)
        {
            var text = new StringBuilder();
            string topic = Path.GetFileName(outputFolder).StartsWith("pt", System.StringComparison.OrdinalIgnoreCase) ? "TÓPICO" : "TOPIC";
            bool afterTopic = false;
            foreach (string line in File.ReadAllLines(markdownPath))
            {
                if (afterTopic && line.Trim().Length == 0)
                {
                    continue;
                }

                afterTopic = false;
                if (line.StartsWith("# ", System.StringComparison.Ordinal))
                {
                    text.AppendLine(topic).AppendLine("    " + line.Substring(2).Trim()).AppendLine();
                    afterTopic = true;
                }
                else if (line.StartsWith("## ", System.StringComparison.Ordinal))
                {
                    text.AppendLine(line.Substring(3).Trim().ToUpperInvariant());
                }
                else if (line.StartsWith("### ", System.StringComparison.Ordinal))
                {
                    text.AppendLine().AppendLine("  " + line.Substring(4).Trim());
                }
                else
                {
                    text.AppendLine(line.Length == 0 ? string.Empty : "    " + line);
                }
            }

            string name = Path.GetFileNameWithoutExtension(markdownPath) + ".help.txt";
            File.WriteAllText(Path.Combine(outputFolder, name), text.ToString(), new UTF8Encoding(false));
        }
    }
}
