/** The properties of a county or township on the grid map's region layer (`/map/grids` at low zoom). */
export interface RegionFeatureProps {
  code: string;
  name: string;
  grids: number;
  gridsWithoutWorker: number;
  sites: number;
  sitesWithoutGrid: number;
  /** 0–100: the lower of "grids staffed" and "grid sites in a grid". */
  coverage: number;
  color: string;
}
