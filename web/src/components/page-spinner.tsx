import { Spin } from "antd";

/** Full-area spinner while a page or the session loads. */
export function PageSpinner() {
  return (
    <div className="page-center">
      <Spin size="large" />
    </div>
  );
}
