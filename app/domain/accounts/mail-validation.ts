import { z } from "zod";
import { MAX_PASSWORD, MIN_PASSWORD } from "./validation";

/** Forms of the email and password pages, shared by the routes and their tests. */
export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

const newPassword = z
  .string()
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters for the password.`)
  .max(MAX_PASSWORD, `Keep the password to ${MAX_PASSWORD} characters or fewer.`);

const confirmation = <T extends { password: string; confirm: string }>(form: T) => form.password === form.confirm;

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ token: z.string().max(200), password: newPassword, confirm: z.string().max(MAX_PASSWORD) })
  .refine(confirmation, { message: "The two passwords differ.", path: ["confirm"] });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD, "That password is too long."),
    password: newPassword,
    confirm: z.string().max(MAX_PASSWORD),
  })
  .refine(confirmation, { message: "The two passwords differ.", path: ["confirm"] });

export const changeEmailSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD, "That password is too long."),
});
