import type { Metadata } from "next";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { deleteAccountAction, signOutEverywhereAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const account = await readForPage(() => getAccountSummary({ robinhoodUserId: user.robinhoodUserId }));

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
        </div>
      </div>
      <section className="card stack">
        <h2>Account</h2>
        <dl className="facts">
          <dt>Robinhood user</dt>
          <dd>{account.username ?? "—"}</dd>
          <dt>Robinhood id</dt>
          <dd className="num">{user.robinhoodUserId}</dd>
          <dt>Kind</dt>
          <dd>{account.isDemo ? "Demo account (simulated Robinhood)" : "Robinhood account"}</dd>
          {account.demoExpiresAt ? (
            <>
              <dt>Deleted at</dt>
              <dd className="num">{`${account.demoExpiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card stack">
        <div>
          <h2>Sessions</h2>
          <p className="muted">
            Lost a device, or signed in on a computer that is not yours? Signing out everywhere ends every
            Rollbook session of this account, on every device and browser, this one included.
          </p>
        </div>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="button">
            Sign out everywhere
          </button>
        </form>
      </section>
      <section className="card stack">
        <div>
          <h2>Delete account</h2>
          <p className="muted">
            Deletes everything Rollbook stores for you: the encrypted Robinhood tokens, synced orders and
            events, imports and every computed figure. It cannot be undone. Signing in again later starts a
            new, empty account.
          </p>
        </div>
        <DeleteAccountForm action={deleteAccountAction} />
      </section>
    </>
  );
}
