#Requires -Version 7.2
<#
.SYNOPSIS
    Reading the GTO 1.10.1 golden data set (tests/golden, see its README.md): its scenario folders
    and GTO's JSON, parsed the same way for the read side and the write side.
#>
Set-StrictMode -Version 3.0

<#
.SYNOPSIS
    The scenario folders under $Root (named NN-...), in order: those in -Name, by default those
    listed in $env:GTO_GOLDEN_SCENARIOS (to run a few: '28-showcase,23-same-second-ties'), or all.
#>
function Get-GoldenScenarioFolder {
    [CmdletBinding()]
    param(
        [string] $Root = (Join-Path $PSScriptRoot '../golden'),
        [string[]] $Name = @($env:GTO_GOLDEN_SCENARIOS -split '[,; ]+' | Where-Object { $_ })
    )
    Get-ChildItem -LiteralPath $Root -Directory | Where-Object Name -Match '^\d\d-' | Sort-Object Name |
        Where-Object { -not $Name -or $_.Name -in $Name }
}

function Read-GoldenJson {
    <#
    .SYNOPSIS
        Parses GTO JSON (a file or text) into ordered hashtables and arrays, keeping timestamps as
        the strings GTO printed. 'null' gives $null, '[]' gives an empty array.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Path')][string] $Path,
        [Parameter(Mandatory, ParameterSetName = 'Text')][AllowEmptyString()][string] $Text
    )
    if ($PSCmdlet.ParameterSetName -eq 'Path') { $Text = [IO.File]::ReadAllText($Path) }
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    $value = ConvertFrom-Json -InputObject $Text -AsHashtable -DateKind String -NoEnumerate -Depth 100
    , $value
}

Export-ModuleMember -Function Get-GoldenScenarioFolder, Read-GoldenJson
