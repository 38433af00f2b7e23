import { useEffect, useState } from "react";

const base = "/m";

/** Current location under /m/: path without /m and the query. */
function read() {
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "/";
  return { path: path || "/", query: new URLSearchParams(location.search) };
}

/** Goes to a screen: navigate("/sites/abc") or navigate("/report?siteId=…"). */
export function navigate(to: string, replace = false): void {
  const url = `${base}${to.startsWith("/") ? to : `/${to}`}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.dispatchEvent(new Event("safegrid-navigate"));
  window.scrollTo(0, 0);
}

export function useLocation() {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener("popstate", update);
    window.addEventListener("safegrid-navigate", update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener("safegrid-navigate", update);
    };
  }, []);
  return loc;
}
