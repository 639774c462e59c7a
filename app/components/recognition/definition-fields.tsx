import { TextField } from "../forms";
import { badgeDefinitions, manualBadgeDefinitions, tierOrder } from "../../domain/recognition/badges";
import { LEVELS } from "../../domain/recognition/levels";

type Field = (name: string) => { name: string; defaultValue: string; error?: string };

const levelLabels = {
  minPoints: "Points at least",
  minDays: "Days since joining at least",
  minAcceptedAnswers: "Accepted answers at least",
  minMentorships: "or mentorships completed at least",
} as const;

/**
 * Badge and level definitions on the admin recognition form (decision 016). Inputs are named as
 * rule-settings.server.ts reads them; each shows its own message. Labels carry the badge's code
 * name so they stay unique and stable while an admin renames the badge.
 */
export function DefinitionFields({ field, values }: { field: Field; values: Record<string, string> }) {
  return (
    <>
      <fieldset className="stack-tight">
        <legend>Automatic badges</legend>
        <p className="field-hint">What earns each tier is counted by the engine; here you word the badge, set its thresholds and switch it on or off.</p>
        {badgeDefinitions.map((badge) => (
          <fieldset key={badge.id} className="stack-tight card">
            <legend>{badge.name}</legend>
            <div className="field-checkbox">
              <input id={`badge-${badge.id}`} type="checkbox" name={`badge.${badge.id}`} defaultChecked={values[`badge.${badge.id}`] === "on"} />
              <label htmlFor={`badge-${badge.id}`}>Awarded (“{badge.name}” on)</label>
            </div>
            <TextField label={`Name of “${badge.name}”`} maxLength={60} {...field(`badge.${badge.id}.name`)} />
            <TextField label={`Description of “${badge.name}”`} maxLength={200} {...field(`badge.${badge.id}.description`)} />
            <div className="cluster">
              {tierOrder
                .filter((tier) => badge.tiers[tier] !== undefined)
                .map((tier) => (
                  <TextField key={tier} label={`“${badge.name}” ${tier} threshold`} inputMode="numeric" {...field(`badge.${badge.id}.${tier}`)} />
                ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <fieldset className="stack-tight">
        <legend>Manual badges (awarded by moderators)</legend>
        {manualBadgeDefinitions.map((badge) => (
          <fieldset key={badge.id} className="stack-tight card">
            <legend>{badge.name}</legend>
            <div className="field-checkbox">
              <input id={`manual-${badge.id}`} type="checkbox" name={`manual.${badge.id}.enabled`} defaultChecked={values[`manual.${badge.id}.enabled`] === "on"} />
              <label htmlFor={`manual-${badge.id}`}>Moderators can award “{badge.name}”</label>
            </div>
            <TextField label={`Name of “${badge.name}”`} maxLength={60} {...field(`manual.${badge.id}.name`)} />
            <TextField label={`Description of “${badge.name}”`} maxLength={200} {...field(`manual.${badge.id}.description`)} />
          </fieldset>
        ))}
      </fieldset>
      <fieldset className="stack-tight">
        <legend>Level thresholds</legend>
        <p className="field-hint">
          A person reaches a level with its points and days, and its accepted answers or its mentorships. New thresholds apply to each person from their next
          recognized action on; nobody’s past is re-judged.
        </p>
        {LEVELS.slice(1).map((level) => (
          <fieldset key={level.id} className="cluster card">
            <legend>{level.name}</legend>
            {(Object.keys(levelLabels) as (keyof typeof levelLabels)[]).map((key) => (
              <TextField key={key} label={`${level.name}: ${levelLabels[key]}`} inputMode="numeric" {...field(`level.${level.id}.${key}`)} />
            ))}
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}
