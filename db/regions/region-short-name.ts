const villageCommittee = /^(.+?)村?村(?:民委员|委)会$/;
const communityCommittee = /^(.+社区)(?:居民委员|居委|村民委员|村委)会$/;

/**
 * A shorter display name for a village-level region: the committee suffix is dropped
 * ("王家村委会" and "王家村村民委员会" -> "王家村", "畅家巷社区居委会" -> "畅家巷社区").
 * Names without such a suffix (townships, "南街居委会", "东华池林场生活区") come back unchanged.
 */
export function regionShortName(name: string): string {
  const community = communityCommittee.exec(name);
  if (community) return community[1];
  const village = villageCommittee.exec(name);
  if (village) return `${village[1]}村`;
  return name;
}
