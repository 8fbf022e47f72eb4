export { authHandler as GET, authHandler as POST } from "@/lib/server/auth/auth-options";
