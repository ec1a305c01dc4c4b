/* Coursepack runtime: the error codes of both API versions and their standard texts.
   SCORM 1.2 RTE 3.3.3 (LMSGetErrorString); SCORM 2004 4th Ed. RTE 3.1.7 (Table 3.1.7a). */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};

  R.errors = {
    '1.2': {
      '0': 'No error',
      '101': 'General exception',
      '201': 'Invalid argument error',
      '202': 'Element cannot have children',
      '203': 'Element not an array - cannot have count',
      '301': 'Not initialized',
      '401': 'Not implemented error',
      '402': 'Invalid set value, element is a keyword',
      '403': 'Element is read only',
      '404': 'Element is write only',
      '405': 'Incorrect Data Type'
    },
    '2004': {
      '0': 'No Error',
      '101': 'General Exception',
      '102': 'General Initialization Failure',
      '103': 'Already Initialized',
      '104': 'Content Instance Terminated',
      '111': 'General Termination Failure',
      '112': 'Termination Before Initialization',
      '113': 'Termination After Termination',
      '122': 'Retrieve Data Before Initialization',
      '123': 'Retrieve Data After Termination',
      '132': 'Store Data Before Initialization',
      '133': 'Store Data After Termination',
      '142': 'Commit Before Initialization',
      '143': 'Commit After Termination',
      '201': 'General Argument Error',
      '301': 'General Get Failure',
      '351': 'General Set Failure',
      '391': 'General Commit Failure',
      '401': 'Undefined Data Model Element',
      '402': 'Unimplemented Data Model Element',
      '403': 'Data Model Element Value Not Initialized',
      '404': 'Data Model Element Is Read Only',
      '405': 'Data Model Element Is Write Only',
      '406': 'Data Model Element Type Mismatch',
      '407': 'Data Model Element Value Out Of Range',
      '408': 'Data Model Dependency Not Established'
    }
  };

  /* The code each situation gets in each version, so that the session logic names situations, not numbers.
     SCORM 1.2 has fewer codes: several situations share one. */
  R.codes = {
    '1.2': {
      general: '101', initTwice: '101', initAfterEnd: '101', endFailed: '101', commitFailed: '101',
      endBeforeInit: '301', endAfterEnd: '301', getBeforeInit: '301', getAfterEnd: '301',
      setBeforeInit: '301', setAfterEnd: '301', commitBeforeInit: '301', commitAfterEnd: '301',
      argument: '201', getEmpty: '201', setEmpty: '201', undefined: '201', noChildren: '202', noCount: '203',
      getFailure: '201', setFailure: '201', notInitialized: '0', keywordSet: '402', readOnly: '403',
      writeOnly: '404', type: '405', range: '405', dependency: '201', unavailableSet: '101', unimplemented: '401'
    },
    '2004': {
      general: '101', initTwice: '103', initAfterEnd: '104', endFailed: '111', commitFailed: '391',
      endBeforeInit: '112', endAfterEnd: '113', getBeforeInit: '122', getAfterEnd: '123',
      setBeforeInit: '132', setAfterEnd: '133', commitBeforeInit: '142', commitAfterEnd: '143',
      argument: '201', getEmpty: '301', setEmpty: '351', undefined: '401', noChildren: '301', noCount: '301',
      getFailure: '301', setFailure: '351', notInitialized: '403', keywordSet: '404', readOnly: '404',
      writeOnly: '405', type: '406', range: '407', dependency: '408', unavailableSet: '351', unimplemented: '402'
    }
  };
})(typeof self !== 'undefined' ? self : global);
