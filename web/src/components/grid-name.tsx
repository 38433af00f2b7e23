import { Tooltip } from "antd";
import { Link } from "react-router-dom";

/**
 * A grid shown by its name, its code on hover (issue 11: people know grids by name; the 15-digit code is
 * for look-ups and exports). With `id`, a link to the grid on the map.
 */
export function GridName({ name, code, id }: { name: string; code: string; id?: string }) {
  const text = name || code;
  return (
    <Tooltip title={code}>
      {id ? (
        <Link to={`/grids?grid=${encodeURIComponent(id)}`} data-grid-code={code}>
          {text}
        </Link>
      ) : (
        <span data-grid-code={code}>{text}</span>
      )}
    </Tooltip>
  );
}
