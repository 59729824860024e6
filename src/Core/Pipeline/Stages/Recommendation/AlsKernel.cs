using System.Globalization;

namespace Ember.Pipeline;

/// <summary>Looks up both factor rows per row and takes their float dot product (see <see cref="ALSModel"/>).</summary>
internal sealed class AlsKernel(ALSModel model, ColumnInfo user, ColumnInfo item, int prediction, bool drop) : Kernel
{
    private readonly bool _legacyCast = model.Info.Version.Before(2, 2);

    public override void Execute(Frame frame)
    {
        var output = frame.Column<DoubleColumn>(prediction);
        var users = frame.Columns[user.Slot];
        var items = frame.Columns[item.Slot];
        int rank = model.Rank;
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r)
                || !TryId(frame, r, users, user, out int userId, out bool userNull)
                || !TryId(frame, r, items, item, out int itemId, out bool itemNull))
                continue;
            var u = userNull ? default : model.UserFactors.Find(userId);
            var v = itemNull ? default : model.ItemFactors.Find(itemId);
            float dot = float.NaN;
            if (u.Length == rank && v.Length == rank && rank > 0)
            {
                dot = 0.0f;
                for (int i = 0; i < rank; i++)
                    dot = (float)(dot + (float)(u[i] * v[i])); // explicit casts: C# may keep floats wider, Java does not
            }
            if (float.IsNaN(dot) && drop)
            {
                frame.Skip(r, new ScoreError(ErrorCode.InvalidValue, u.Length == 0 ? model.UserCol : model.ItemCol, Stage,
                    "coldStartStrategy is \"drop\" and the prediction is NaN (a user or item the model has not seen).",
                    $"user {(userNull ? "null" : userId.ToString(CultureInfo.InvariantCulture))}, item {(itemNull ? "null" : itemId.ToString(CultureInfo.InvariantCulture))}"));
                continue;
            }
            output.Set(r, dot);
        }
    }

    /// <summary>The id as Spark joins it; false after failing the row where Spark's checkedCast throws.</summary>
    private bool TryId(Frame frame, int r, Column column, ColumnInfo info, out int id, out bool isNull)
    {
        id = 0;
        isNull = column.IsNull(r);
        bool isInt = info.Type == SparkType.Int || info.Type == SparkType.Short || info.Type == SparkType.Byte;
        if (isNull)
        {
            if (isInt || _legacyCast)
                return true; // no join match (2.0–2.1 cast null to a null double)
            return Refuse(frame, r, info.Name, "null", "was not numeric");
        }
        switch (column)
        {
            case LongColumn l:
                long lv = l.Values[r];
                if (lv is >= int.MinValue and <= int.MaxValue)
                {
                    id = (int)lv;
                    return true;
                }
                return Refuse(frame, r, info.Name, lv.ToString(CultureInfo.InvariantCulture), "was out of Integer range");
            case DoubleColumn d:
                double dv = d.Values[r];
                if (_legacyCast)
                {
                    if (dv > int.MaxValue || dv < int.MinValue)
                        return Refuse(frame, r, info.Name, JavaNumberFormat.FormatDouble(dv), "was out of Integer range");
                    id = JavaMath.DoubleToInt(dv); // n.toInt truncates (NaN → 0)
                    return true;
                }
                int iv = JavaMath.DoubleToInt(dv);
                if (dv == iv)
                {
                    id = iv;
                    return true;
                }
                return Refuse(frame, r, info.Name, JavaNumberFormat.FormatDouble(dv), "was either out of Integer range or contained a fractional part that could not be converted");
            default:
                return Refuse(frame, r, info.Name, info.Type.ToString(), "was not numeric");
        }
    }

    private bool Refuse(Frame frame, int r, string column, string value, string problem)
    {
        frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, column, Stage,
            $"ALS only supports values in Integer range and without fractional part for columns {model.UserCol} and {model.ItemCol}; value {problem}.", value));
        return false;
    }
}
