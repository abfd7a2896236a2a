# Reads the module's format file: every column and list item of every view, with the type it is selected by and the
# header a user sees (the Label, or the property name when the view shows a property under its own name).

function Get-FormatViewColumn {
    param([Parameter(Mandatory)] [string] $FormatPath)
    $views = ([xml](Get-Content -Raw -LiteralPath $FormatPath)).Configuration.ViewDefinitions.View
    foreach ($view in $views) {
        $typeNames = @($view.ViewSelectedBy.TypeName)
        if ($view.TableControl) {
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
            for ($i = 0; $i -lt $items.Count; $i++) {
                $header = if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
                foreach ($typeName in $typeNames) { [pscustomobject]@{ View = $view.Name; TypeName = $typeName; Header = $header } }
            }
        }
        foreach ($item in @($view.ListControl.ListEntries.ListEntry.ListItems.ListItem)) {
            if (-not $item) { continue }
            $header = if ($item.Label) { $item.Label } else { $item.PropertyName }
            foreach ($typeName in $typeNames) { [pscustomobject]@{ View = $view.Name; TypeName = $typeName; Header = $header } }
        }
    }
}

# The headers of the views selected by the object's type that are not a property of the object, as 'View: Header'.
function Get-HeaderNotProperty {
    param([Parameter(Mandatory)] [string] $FormatPath, [Parameter(Mandatory)] [object] $InputObject)
    $typeName = $InputObject.GetType().FullName
    foreach ($column in Get-FormatViewColumn $FormatPath | Where-Object TypeName -eq $typeName) {
        if (-not $InputObject.PSObject.Properties[$column.Header]) { "$($column.View): $($column.Header)" }
    }
}

Export-ModuleMember -Function Get-FormatViewColumn, Get-HeaderNotProperty
