/** The SNS topic the alarms notify, when the pattern or the worker creates it. */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * A topic for alarm notifications: encrypted with `key` (or a new key with rotation),
 * `enforceSSL: true`, and the key's policy letting CloudWatch alarms use it (without that,
 * an alarm publishing to an encrypted topic fails silently: CloudWatch needs
 * `kms:GenerateDataKey*` and `kms:Decrypt` on the key).
 *
 * A key you pass that is not a `kms.Key` of this app (an imported one) cannot have its
 * policy changed here: grant `cloudwatch.amazonaws.com` those actions yourself.
 */
export function createAlarmTopic(scope: Construct, key?: kms.IKey): sns.Topic {
  const masterKey =
    key ??
    new kms.Key(scope, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the callback pattern alarm topic',
    });
  masterKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  return new sns.Topic(scope, 'AlarmTopic', { enforceSSL: true, masterKey });
}

/** The alarm topic: the one given, a new one for `'create'`, or none. */
export function resolveAlarmTopic(
  scope: Construct,
  option: sns.ITopic | 'create' | undefined,
  key?: kms.IKey,
): sns.ITopic | undefined {
  if (option === undefined) return undefined;
  return option === 'create' ? createAlarmTopic(scope, key) : option;
}
