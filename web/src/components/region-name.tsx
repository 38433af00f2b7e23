import { Typography } from "antd";
import { useEffect, useState } from "react";
import { cachedRegion } from "../api/regions";

/** A region's name looked up by code (cached), optionally followed by the code. */
export function RegionName({ code, withCode }: { code: string; withCode?: boolean }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    cachedRegion(code)
      .then((d) => alive && setName(d.region.name))
      .catch(() => alive && setName(null));
    return () => {
      alive = false;
    };
  }, [code]);
  if (!name) return <span>{code}</span>;
  return (
    <span>
      {name}
      {withCode && <Typography.Text type="secondary"> {code}</Typography.Text>}
    </span>
  );
}
