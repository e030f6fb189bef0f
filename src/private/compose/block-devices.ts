import { aws_imagebuilder as imagebuilder, SizeRoundingBehavior } from 'aws-cdk-lib';
import { EbsVolumeType } from '../../block-device';
import type { BlockDeviceMapping, EbsVolume } from '../../block-device';
import { LIMITS } from '../core/api-constraints';
import { isToken, Validator } from '../core/validation';

const IOPS_VOLUME_TYPES: readonly string[] = [EbsVolumeType.IO1, EbsVolumeType.IO2, EbsVolumeType.GP3];

/**
 * Validates block device mappings and renders them for `CfnImageRecipe` and
 * `CfnContainerRecipe.InstanceConfiguration` (whose shapes are the same).
 *
 * @param v the validator of the recipe
 * @param property the prop name, used in error messages (`blockDevices`)
 */
export function renderBlockDevices(
  v: Validator,
  property: string,
  mappings: BlockDeviceMapping[],
): imagebuilder.CfnImageRecipe.InstanceBlockDeviceMappingProperty[] {
  return mappings.map((mapping, index) => {
    const path = `${property}[${index}]`;
    v.nonEmptyString(`${path}.deviceName`, mapping.deviceName);
    v.nonEmptyString(`${path}.virtualName`, mapping.virtualName);
    const given = [
      mapping.ebs !== undefined ? 'ebs' : undefined,
      mapping.virtualName !== undefined ? 'virtualName' : undefined,
      mapping.noDevice ? 'noDevice' : undefined,
    ].filter((x): x is string => x !== undefined);
    if (given.length > 1) {
      v.fail(path, given, 'must set at most one of ebs, virtualName and noDevice');
    }
    return {
      deviceName: mapping.deviceName,
      ebs: mapping.ebs ? renderEbs(v, `${path}.ebs`, mapping.ebs) : undefined,
      virtualName: mapping.virtualName,
      noDevice: mapping.noDevice ? '' : undefined,
    };
  });
}

function renderEbs(
  v: Validator,
  property: string,
  ebs: EbsVolume,
): imagebuilder.CfnImageRecipe.EbsInstanceBlockDeviceSpecificationProperty {
  let volumeSize: number | undefined;
  if (ebs.volumeSize !== undefined) {
    volumeSize = ebs.volumeSize.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    v.integer(`${property}.volumeSize`, volumeSize, LIMITS.ebsVolumeSize, 'GiB');
  }
  v.integer(`${property}.iops`, ebs.iops, LIMITS.ebsIops);
  v.integer(`${property}.throughput`, ebs.throughput, LIMITS.ebsThroughput, 'MiB/s');
  v.nonEmptyString(`${property}.snapshotId`, ebs.snapshotId);

  const volumeType = ebs.volumeType;
  v.enumValue(`${property}.volumeType`, volumeType, EbsVolumeType);
  if (ebs.iops !== undefined && volumeType !== undefined && !IOPS_VOLUME_TYPES.includes(volumeType)) {
    v.fail(`${property}.iops`, ebs.iops, `must only be given for volume types ${IOPS_VOLUME_TYPES.join(', ')} (volumeType is ${volumeType})`);
  }
  if (ebs.throughput !== undefined && volumeType !== undefined && volumeType !== EbsVolumeType.GP3) {
    v.fail(`${property}.throughput`, ebs.throughput, `must only be given for volume type gp3 (volumeType is ${volumeType})`);
  }
  if ((volumeType === EbsVolumeType.IO1 || volumeType === EbsVolumeType.IO2) && ebs.iops === undefined) {
    v.fail(`${property}.iops`, undefined, `must be given for volume type ${volumeType}`);
  }
  v.kmsKey(`${property}.kmsKey`, ebs.kmsKey);
  if (ebs.kmsKey !== undefined && ebs.encrypted === false && !isToken(ebs.encrypted)) {
    v.fail(`${property}.encrypted`, false, 'must not be false when kmsKey is given');
  }

  return {
    volumeSize,
    volumeType,
    iops: ebs.iops,
    throughput: ebs.throughput,
    encrypted: ebs.encrypted ?? (ebs.kmsKey !== undefined ? true : undefined),
    kmsKeyId: ebs.kmsKey?.keyArn,
    snapshotId: ebs.snapshotId,
    deleteOnTermination: ebs.deleteOnTermination,
  };
}

