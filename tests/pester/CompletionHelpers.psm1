# Helpers shared by the Completion*.Tests.ps1 files: tab completion driven through TabExpansion2, the way the
# console and editors ask, completing at the end of a command line.

Set-StrictMode -Version Latest

<#
.SYNOPSIS
    The completion results (CompletionResult objects) for a command line, as one array.
#>
function Get-Completion {
    param([Parameter(Mandatory)] [string] $Line)
    $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
    , @($result.CompletionMatches)
}

<#
.SYNOPSIS
    The texts TabExpansion2 would insert for a command line, one pipeline item each (for Should).
#>
function Get-CompletionText {
    param([Parameter(Mandatory)] [string] $Line)
    (Get-Completion $Line) | ForEach-Object CompletionText
}

Export-ModuleMember -Function Get-Completion, Get-CompletionText
