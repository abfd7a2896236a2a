using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Binds a text parameter from what users pipe or pass: strings, arrays of them, and objects by the named
    /// properties, whose values are read as text (so DnsClient's DnsString, an MxPattern or a policy's Mx list bind
    /// as the names they hold). Anything else, a hashtable above all, is refused with a message that says what binds;
    /// it is never turned into its ToString() text and put in a policy or record.
    /// </summary>
    public class PipelineTextAttribute : ArgumentTransformationAttribute
    {
        private const int MaxDepth = 4;
        private readonly string parameter;
        private readonly string[] properties;

        /// <param name="parameter">The parameter's name, for messages.</param>
        /// <param name="properties">The properties read from a piped object, in order of preference.</param>
        public PipelineTextAttribute(string parameter, params string[] properties)
        {
            this.parameter = parameter;
            this.properties = properties;
        }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData == null)
            {
                return null;
            }

            // The common case, one string per piped object, without the walk below (bulk generation pipes thousands).
            if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is string text)
            {
                return new[] { text };
            }

            var texts = new List<string>();
            Read(inputData, fromProperty: false, texts, 0);
            return texts.ToArray();
        }

        /// <summary>A value the parameter takes as text even when it is not one; null when there is none.</summary>
        private protected virtual string? Known(object value) => null;

        private void Read(object? input, bool fromProperty, List<string> texts, int depth)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case null:
                    return;
                case string text:
                    texts.Add(text);
                    return;
                case IDictionary _:
                    throw new ArgumentTransformationMetadataException(Messages.Format("PipedHashtable", parameter));
                case IEnumerable items when depth < MaxDepth:
                    foreach (object? item in items)
                    {
                        Read(item, fromProperty, texts, depth + 1);
                    }

                    return;
            }

            string? known = Known(value);
            if (known != null)
            {
                texts.Add(known);
                return;
            }

            var shape = PSObject.AsPSObject(input);
            var property = properties.Select(name => shape.Properties[name]).FirstOrDefault(p => p != null);
            if (property != null && depth < MaxDepth)
            {
                Read(property.Value, fromProperty: true, texts, depth + 1);
                return;
            }

            if (value is PSCustomObject && !fromProperty)
            {
                // A row (Import-Csv) without this column: its other columns bind other parameters.
                return;
            }

            if (fromProperty && !(value is PSCustomObject) && value.GetType().IsPublic)
            {
                // The property's name says what it holds; its type (DnsString, say) only says how.
                texts.Add(value.ToString() ?? string.Empty);
                return;
            }

            throw new ArgumentTransformationMetadataException(Messages.Format("PipedObjectNotText",
                value.GetType().FullName, parameter, string.Join(", ", properties)));
        }
    }
}
