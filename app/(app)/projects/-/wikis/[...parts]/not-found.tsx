import { WikiNotFound } from "@/components/projects/wiki/wiki-not-found";

export default function WikiPageNotFound() {
  return <WikiNotFound />;
}
