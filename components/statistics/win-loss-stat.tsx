import { Money } from "../money";
import { Stat } from "../stat";

/** A win figure with its loss counterpart beneath it ("Average win / loss", "Largest win / loss"). */
export function WinLossStat({
  label,
  win,
  loss,
}: {
  label: string;
  win: string | null;
  loss: string | null;
}) {
  return (
    <Stat
      label={label}
      note={
        <>
          Loss <Money value={loss} tone />
        </>
      }
    >
      <Money value={win} tone signed />
    </Stat>
  );
}
