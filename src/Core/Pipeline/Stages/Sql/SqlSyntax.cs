namespace Ember.Pipeline.Sql;

/// <summary>An unresolved expression as written in the statement.</summary>
internal abstract record SqlNode;

internal sealed record IdentNode(string Name, string? Qualifier) : SqlNode;

internal sealed record StarNode : SqlNode;

internal sealed record NumberNode(string Text, bool Negative) : SqlNode;

internal sealed record StringNode(string Value) : SqlNode;

internal sealed record BoolNode(bool Value) : SqlNode;

/// <summary>DATE '…' or TIMESTAMP '…'.</summary>
internal sealed record TypedLiteralNode(SqlType Type, string Text) : SqlNode;

internal sealed record NullNode : SqlNode;

internal sealed record UnaryNode(string Op, SqlNode Operand) : SqlNode;

internal sealed record BinaryNode(string Op, SqlNode Left, SqlNode Right) : SqlNode;

internal sealed record NotNode(SqlNode Operand) : SqlNode;

internal sealed record IsNullNode(SqlNode Operand, bool Negated) : SqlNode;

internal sealed record BetweenNode(SqlNode Operand, SqlNode Low, SqlNode High, bool Negated) : SqlNode;

internal sealed record InNode(SqlNode Operand, IReadOnlyList<SqlNode> Values, bool Negated) : SqlNode;

internal sealed record LikeNode(SqlNode Operand, SqlNode Pattern, bool Negated) : SqlNode;

internal sealed record CaseNode(SqlNode? Operand, IReadOnlyList<(SqlNode When, SqlNode Then)> Branches, SqlNode? Else) : SqlNode;

internal sealed record CastNode(SqlNode Operand, SqlType Target) : SqlNode;

internal sealed record FunctionNode(string Name, IReadOnlyList<SqlNode> Args) : SqlNode;

internal sealed record SelectItem(SqlNode Expr, string? Alias);

internal sealed record SelectStatement(IReadOnlyList<SelectItem> Items, SqlNode? Where);
