import Image from "next/image";

const SIZES = { sm: { box: "h-9 w-9 text-base", px: 36 }, lg: { box: "h-12 w-12 text-xl", px: 48 } } as const;

/**
 * A group's avatar where it has one (served at its GitLab path, `/uploads/-/system/group/avatar/<id>/<file>`), else
 * GitLab's fallback: the name's first letter on a tinted square. Decorative: the group's name is always beside it.
 */
export function GroupAvatar({ name, avatarPath, size = "sm" }: { name: string; avatarPath: string | null | undefined; size?: keyof typeof SIZES }) {
  const { box, px } = SIZES[size];
  if (avatarPath) {
    return <Image src={`/${avatarPath}`} alt="" width={px} height={px} unoptimized className={`${box} shrink-0 rounded-md border border-gray-200 bg-white object-cover`} />;
  }
  return (
    <span className={`${box} flex shrink-0 items-center justify-center rounded-md bg-brand-50 font-semibold text-brand-700`} aria-hidden>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
